package dev.moat.lockin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An experiment as the API shows it: status (queued, running, done, failed, interrupted), progress, why it failed,
 * and once done the report and the names of its charts.
 */
public record ExperimentView(
        String id,
        String status,
        String dataset,
        ExperimentOptions options,
        Progress progress,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> charts,
        @JsonInclude(JsonInclude.Include.NON_NULL) ExperimentReport report) {

    /** Sessions replayed of the total. */
    public record Progress(int sessionsDone, int sessionsTotal) {}

    /** The view without its report, for lists. */
    public ExperimentView withoutReport() {
        return new ExperimentView(
                id, status, dataset, options, progress, createdAt, startedAt, finishedAt, error, charts, null);
    }

    /** Whether the run has ended, one way or another. */
    public boolean finished() {
        return finishedAt != null;
    }
}
