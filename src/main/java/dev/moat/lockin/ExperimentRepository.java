package dev.moat.lockin;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The experiment table: a run's row from submission to its report, each step its own commit. */
@ApplicationScoped
@Transactional
public class ExperimentRepository implements PanacheRepositoryBase<Experiment, String> {

    public Experiment create(String tenantId, String id, String dataset, String options, int sessions, Instant now) {
        Experiment e = new Experiment();
        e.id = id;
        e.tenantId = tenantId;
        e.status = Experiment.Status.QUEUED;
        e.dataset = dataset;
        e.options = options;
        e.sessionsTotal = sessions;
        e.createdAt = now;
        persist(e);
        return e;
    }

    /** The tenant's experiment; empty for another tenant's, as for one that does not exist. */
    public Optional<Experiment> findOfTenant(String tenantId, String id) {
        return findByIdOptional(id).filter(e -> e.tenantId.equals(tenantId));
    }

    /** The tenant's latest experiments first. */
    public List<Experiment> recent(String tenantId, int limit) {
        return find("tenantId", Sort.descending("createdAt").and("id"), tenantId)
                .page(0, limit)
                .list();
    }

    public void start(String id, Instant now) {
        Experiment e = findById(id);
        e.status = Experiment.Status.RUNNING;
        e.startedAt = now;
    }

    public void progress(String id, int sessionsDone) {
        findById(id).sessionsDone = sessionsDone;
    }

    public void finish(String id, String report, Instant now) {
        Experiment e = findById(id);
        e.status = Experiment.Status.DONE;
        e.report = report;
        e.finishedAt = now;
    }

    public void fail(String id, String error, Instant now) {
        Experiment e = findById(id);
        e.status = Experiment.Status.FAILED;
        e.error = error;
        e.finishedAt = now;
    }

    public void deleteRun(String id) {
        delete("id", id);
    }

    /** Marks every queued or running experiment interrupted (a restart cut it off); returns their ids. */
    public List<String> interruptUnfinished(Instant now) {
        List<Experiment> unfinished =
                list("status in ?1", List.of(Experiment.Status.QUEUED, Experiment.Status.RUNNING));
        for (Experiment e : unfinished) {
            e.status = Experiment.Status.INTERRUPTED;
            e.error = "the server stopped before the run finished; start it again";
            e.finishedAt = now;
        }
        return unfinished.stream().map(e -> e.id).toList();
    }
}
