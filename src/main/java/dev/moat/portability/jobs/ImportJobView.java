package dev.moat.portability.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Locale;

/**
 * An import job as the API shows it. searchableAt: when all it added could be found by BM25; finishedAt: when it
 * ended (for a done job, when every memory had its vector too).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJobView(
        String id,
        String userId,
        String status,
        String format,
        long bytes,
        Progress progress,
        Instant createdAt,
        Instant startedAt,
        Instant searchableAt,
        Instant finishedAt,
        String error) {

    /**
     * Parts of the document read and in all (partsTotal 0 until the document is checked); memories added, already
     * there, and those added that have their vector; transcript messages added.
     */
    public record Progress(
            int partsDone,
            int partsTotal,
            int memoriesAdded,
            int memoriesSkipped,
            int messagesAdded,
            int vectorsDone) {}

    static ImportJobView of(ImportJob j) {
        return new ImportJobView(
                j.id,
                j.userId,
                j.status.name().toLowerCase(Locale.ROOT),
                j.format,
                j.bytes,
                new Progress(
                        j.partsDone, j.partsTotal, j.memoriesAdded, j.memoriesSkipped, j.messagesAdded, j.vectorsDone),
                j.createdAt,
                j.startedAt,
                j.searchableAt,
                j.finishedAt,
                j.error);
    }
}
