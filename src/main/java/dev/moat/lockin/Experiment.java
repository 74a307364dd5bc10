package dev.moat.lockin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An experiment started over the API: what it runs, how far it got, and its report (JSON) once done. */
@Entity
@Table(name = "experiment")
public class Experiment {

    /** Where a run is: queued for a worker, running, done, failed (error says why), or cut off by a restart. */
    public enum Status {
        QUEUED,
        RUNNING,
        DONE,
        FAILED,
        INTERRUPTED
    }

    @Id
    public String id;

    /** The tenant whose admin started it: only that tenant's admins see it. */
    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public String dataset;

    /** ExperimentOptions as JSON. */
    @Column(nullable = false)
    public String options;

    @Column(name = "sessions_done", nullable = false)
    public int sessionsDone;

    @Column(name = "sessions_total", nullable = false)
    public int sessionsTotal;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public String error;

    /** The instance that queued the run and runs it (it holds the run's data set). */
    @Column(name = "instance_id")
    public String instanceId;

    /** When that instance last said it still has the run: one silent for long died, and the run is interrupted. */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    /** ExperimentReport as JSON, once done. */
    public String report;
}
