package dev.moat.portability.jobs;

import dev.moat.user.Owner;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The import jobs' rows. Every move of a job is a conditional update from the status it expects, so a cancel or an
 * interruption made by any instance wins over the runner, which sees its next update refused and stops.
 */
@ApplicationScoped
@Transactional
public class ImportJobRepository implements PanacheRepositoryBase<ImportJob, String> {

    public ImportJob create(Owner owner, String id, String format, long bytes, String instanceId, Instant now) {
        ImportJob j = new ImportJob();
        j.id = id;
        j.tenantId = owner.tenantId();
        j.userId = owner.userId();
        j.format = format;
        j.status = ImportJob.Status.QUEUED;
        j.bytes = bytes;
        j.createdAt = now;
        j.instanceId = instanceId;
        j.heartbeatAt = now;
        persist(j);
        return j;
    }

    /** The owner's job; empty for another owner's, as for one that does not exist. */
    public Optional<ImportJob> findOf(Owner owner, String id) {
        return findByIdOptional(id).filter(j -> j.owner().equals(owner));
    }

    /** The owner's latest jobs first. */
    public List<ImportJob> recent(Owner owner, int limit) {
        return find(
                        "tenantId = ?1 and userId = ?2",
                        Sort.descending("createdAt").and("id"),
                        owner.tenantId(),
                        owner.userId())
                .page(0, limit)
                .list();
    }

    /** Moves the job from one status to the next; false when it is no longer in the first (cancelled, interrupted). */
    public boolean advance(String id, ImportJob.Status from, ImportJob.Status to, Instant now) {
        String also =
                switch (to) {
                    case CHECKING -> ", startedAt = ?4";
                    case EMBEDDING -> ", searchableAt = ?4";
                    case DONE -> ", finishedAt = ?4";
                    default -> ", heartbeatAt = ?4";
                };
        return update("status = ?1" + also + " where id = ?2 and status = ?3", to, id, from, now) == 1;
    }

    /** The parts checked: how many there are. False when the job was stopped meanwhile. */
    public boolean checked(String id, int parts) {
        return update("partsTotal = ?1 where id = ?2 and status = ?3", parts, id, ImportJob.Status.CHECKING) == 1;
    }

    /**
     * One more part imported, with what it added: counted even when the job was stopped meanwhile, since the part
     * has landed. False when it was stopped.
     */
    public boolean partDone(String id, int memoriesAdded, int memoriesSkipped, int messagesAdded) {
        update(
                "partsDone = partsDone + 1, memoriesAdded = memoriesAdded + ?1,"
                        + " memoriesSkipped = memoriesSkipped + ?2, messagesAdded = messagesAdded + ?3 where id = ?4",
                memoriesAdded,
                memoriesSkipped,
                messagesAdded,
                id);
        return isIn(id, ImportJob.Status.IMPORTING);
    }

    /** Vectors stored for so many more of its memories, counted as a part is. False when the job was stopped. */
    public boolean vectorsDone(String id, int more) {
        update("vectorsDone = vectorsDone + ?1 where id = ?2", more, id);
        return isIn(id, ImportJob.Status.EMBEDDING);
    }

    private boolean isIn(String id, ImportJob.Status status) {
        return count("id = ?1 and status = ?2", id, status) == 1;
    }

    /** Ends a job still going as failed, with why. */
    public void fail(String id, String error, Instant now) {
        update(
                "status = ?1, error = ?2, finishedAt = ?3 where id = ?4 and status in ?5",
                ImportJob.Status.FAILED,
                error.length() > 4000 ? error.substring(0, 4000) : error,
                now,
                id,
                ImportJob.Status.GOING);
    }

    /** Cancels the owner's job if it is still going; the job as it is now, empty when the owner has no such job. */
    public Optional<ImportJob> cancel(Owner owner, String id, Instant now) {
        update(
                "status = ?1, finishedAt = ?2 where id = ?3 and tenantId = ?4 and userId = ?5 and status in ?6",
                ImportJob.Status.CANCELLED,
                now,
                id,
                owner.tenantId(),
                owner.userId(),
                ImportJob.Status.GOING);
        return findOf(owner, id);
    }

    /** This instance's jobs going are alive at now. */
    public void heartbeat(String instanceId, Instant now) {
        update("heartbeatAt = ?1 where instanceId = ?2 and status in ?3", now, instanceId, ImportJob.Status.GOING);
    }

    /**
     * Marks interrupted the jobs going whose instance is this one or last spoke before silentSince (it stopped or
     * died); an instant after now takes every one. Returns their ids.
     */
    public List<String> interrupt(String instanceId, Instant silentSince, Instant now) {
        List<String> cut = find(
                        "status in ?1 and (instanceId = ?2 or heartbeatAt < ?3)",
                        ImportJob.Status.GOING,
                        instanceId,
                        silentSince)
                .project(JobId.class)
                .list()
                .stream()
                .map(JobId::id)
                .toList();
        if (!cut.isEmpty()) {
            update(
                    "status = ?1, error = ?2, finishedAt = ?3 where id in ?4 and status in ?5",
                    ImportJob.Status.INTERRUPTED,
                    "the server stopped before the import finished; upload the document again: what it added is"
                            + " kept, and the new job adds only the rest",
                    now,
                    cut,
                    ImportJob.Status.GOING);
        }
        return cut;
    }

    /** A job's id, read without the rest of its row. */
    public record JobId(String id) {}
}
