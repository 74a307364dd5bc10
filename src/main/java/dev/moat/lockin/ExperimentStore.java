package dev.moat.lockin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The experiment table: a run's row from submission to its report, each step its own commit. */
@ApplicationScoped
@Transactional
public class ExperimentStore {

    private final EntityManager em;

    public ExperimentStore(EntityManager em) {
        this.em = em;
    }

    public Experiment create(String tenantId, String id, String dataset, String options, int sessions, Instant now) {
        Experiment e = new Experiment();
        e.id = id;
        e.tenantId = tenantId;
        e.status = Experiment.Status.QUEUED;
        e.dataset = dataset;
        e.options = options;
        e.sessionsTotal = sessions;
        e.createdAt = now;
        em.persist(e);
        return e;
    }

    /** The tenant's experiment; empty for another tenant's, as for one that does not exist. */
    public Optional<Experiment> find(String tenantId, String id) {
        return Optional.ofNullable(em.find(Experiment.class, id)).filter(e -> e.tenantId.equals(tenantId));
    }

    /** The tenant's latest experiments first. */
    public List<Experiment> recent(String tenantId, int limit) {
        return em.createQuery(
                        "from Experiment e where e.tenantId = :t order by e.createdAt desc, e.id", Experiment.class)
                .setParameter("t", tenantId)
                .setMaxResults(limit)
                .getResultList();
    }

    public void start(String id, Instant now) {
        Experiment e = em.find(Experiment.class, id);
        e.status = Experiment.Status.RUNNING;
        e.startedAt = now;
    }

    public void progress(String id, int sessionsDone) {
        em.find(Experiment.class, id).sessionsDone = sessionsDone;
    }

    public void finish(String id, String report, Instant now) {
        Experiment e = em.find(Experiment.class, id);
        e.status = Experiment.Status.DONE;
        e.report = report;
        e.finishedAt = now;
    }

    public void fail(String id, String error, Instant now) {
        Experiment e = em.find(Experiment.class, id);
        e.status = Experiment.Status.FAILED;
        e.error = error;
        e.finishedAt = now;
    }

    public void delete(String id) {
        em.createQuery("delete from Experiment e where e.id = :id")
                .setParameter("id", id)
                .executeUpdate();
    }

    /** Marks every queued or running experiment interrupted (a restart cut it off); returns their ids. */
    public List<String> interruptUnfinished(Instant now) {
        List<Experiment> unfinished = em.createQuery("from Experiment e where e.status in :s", Experiment.class)
                .setParameter("s", List.of(Experiment.Status.QUEUED, Experiment.Status.RUNNING))
                .getResultList();
        for (Experiment e : unfinished) {
            e.status = Experiment.Status.INTERRUPTED;
            e.error = "the server stopped before the run finished; start it again";
            e.finishedAt = now;
        }
        return unfinished.stream().map(e -> e.id).toList();
    }
}
