package dev.moat.portability.jobs;

import dev.moat.user.Owner;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** An import of an uploaded document, read in parts on the instance that took the upload: how far it got. */
@Entity
@Table(name = "import_job")
public class ImportJob {

    /**
     * Where a job is: queued for a worker; checking the whole document against its schema (nothing written yet);
     * importing its parts (each searchable by BM25 as it lands); embedding what it added; then done, failed (error
     * says why), cancelled by its user, or cut off by its server's stop.
     */
    public enum Status {
        QUEUED,
        CHECKING,
        IMPORTING,
        EMBEDDING,
        DONE,
        FAILED,
        CANCELLED,
        INTERRUPTED;

        /** The statuses of a job still going. */
        public static final Set<Status> GOING = EnumSet.of(QUEUED, CHECKING, IMPORTING, EMBEDDING);
    }

    @Id
    public String id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    /** The ImportFormat's id. */
    @Column(nullable = false)
    public String format;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** The upload's size. */
    @Column(nullable = false)
    public long bytes;

    /** Parts of the document (a part: up to moat.imports.part-size conversations); known once checked. */
    @Column(name = "parts_total", nullable = false)
    public int partsTotal;

    @Column(name = "parts_done", nullable = false)
    public int partsDone;

    @Column(name = "memories_added", nullable = false)
    public int memoriesAdded;

    /** Memories of the document the user already had (an import repeated, or resumed after a cancel). */
    @Column(name = "memories_skipped", nullable = false)
    public int memoriesSkipped;

    @Column(name = "messages_added", nullable = false)
    public int messagesAdded;

    /** Of the memories added, those that have their vector. */
    @Column(name = "vectors_done", nullable = false)
    public int vectorsDone;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    /** When every memory the job added could be found by BM25. */
    @Column(name = "searchable_at")
    public Instant searchableAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public String error;

    /** The instance holding the upload and running the job. */
    @Column(name = "instance_id", nullable = false)
    public String instanceId;

    /** When that instance last said it still runs the job: one silent for long died, and the job is interrupted. */
    @Column(name = "heartbeat_at", nullable = false)
    public Instant heartbeatAt;

    public Owner owner() {
        return new Owner(tenantId, userId);
    }
}
