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

    public Experiment create(
            String tenantId, String id, String dataset, String options, int sessions, String instanceId, Instant now) {
        Experiment e = new Experiment();
        e.instanceId = instanceId;
        e.heartbeatAt = now;
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

    /**
     * Claims a queued run for this instance: true for exactly one claimer, however many instances try at once (the
     * update's condition is checked under the row's lock).
     */
    public boolean claim(String id, String instanceId, Instant now) {
        return update(
                        "status = ?1, startedAt = ?2, heartbeatAt = ?2, instanceId = ?3 where id = ?4 and status = ?5",
                        Experiment.Status.RUNNING,
                        now,
                        instanceId,
                        id,
                        Experiment.Status.QUEUED)
                == 1;
    }

    /** This instance's unfinished runs are alive at now. */
    public void heartbeat(String instanceId, Instant now) {
        update(
                "heartbeatAt = ?1 where instanceId = ?2 and status in ?3",
                now,
                instanceId,
                List.of(Experiment.Status.QUEUED, Experiment.Status.RUNNING));
    }

    /** Ids of runs queued or running now, on any instance. */
    public List<String> unfinished() {
        return find("status in ?1", List.of(Experiment.Status.QUEUED, Experiment.Status.RUNNING)).stream()
                .map(e -> e.id)
                .toList();
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

    /** Marks this instance's unfinished runs interrupted (it is stopping). */
    public void interruptMine(String instanceId, Instant now) {
        for (Experiment e : list(
                "instanceId = ?1 and status in ?2",
                instanceId,
                List.of(Experiment.Status.QUEUED, Experiment.Status.RUNNING))) {
            interrupt(e, now);
        }
    }

    private static void interrupt(Experiment e, Instant now) {
        e.status = Experiment.Status.INTERRUPTED;
        e.error = "the server stopped before the run finished; start it again";
        e.finishedAt = now;
    }

    public void deleteRun(String id) {
        delete("id", id);
    }

    /**
     * Marks queued or running experiments interrupted when their instance last said it ran them before silentSince
     * (it stopped or died); an instant after now takes every one. Returns their ids.
     */
    public List<String> interruptUnfinished(Instant silentSince, Instant now) {
        List<Experiment> unfinished = list(
                "status in ?1 and (heartbeatAt is null or heartbeatAt < ?2)",
                List.of(Experiment.Status.QUEUED, Experiment.Status.RUNNING),
                silentSince);
        unfinished.forEach(e -> interrupt(e, now));
        return unfinished.stream().map(e -> e.id).toList();
    }
}
