package dev.moat.index;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/**
 * Skips the embedded index's scheduled work unless the application runs with that backend: calling the bean would
 * open a Lucene folder an instance on OpenSearch never uses.
 */
@Singleton
public class EmbeddedIndexRunning implements Scheduled.SkipPredicate {

    private final IndexConfig config;
    private final Scheduled.ApplicationNotRunning notRunning = new Scheduled.ApplicationNotRunning();

    public EmbeddedIndexRunning(IndexConfig config) {
        this.config = config;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return config.backend() != IndexConfig.Backend.EMBEDDED || notRunning.test(execution);
    }
}
