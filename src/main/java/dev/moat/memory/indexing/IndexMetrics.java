package dev.moat.memory.indexing;

import dev.moat.index.MemoryIndex;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The index's size and how far it trails the database, as Prometheus gauges: {@code moat_index_memories},
 * {@code moat_index_segments} and {@code moat_index_lag_changes} (the newest memory change in the database not yet
 * applied to the index, counted in change ids; 0 when the index is current). Read every
 * {@code moat.index.metrics-refresh} (5 s) off the request path, so a scrape never waits on the database; while
 * the database is out of reach the last values stay.
 */
@ApplicationScoped
public class IndexMetrics {

    private static final Logger LOG = Logger.getLogger(IndexMetrics.class);

    private final MemoryIndex index;
    private final RepairQueries store;
    private final AtomicLong memories = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong segments = new AtomicLong();

    private final IndexOutbox outbox;

    public IndexMetrics(MemoryIndex index, RepairQueries store, IndexOutbox outbox, MeterRegistry registry) {
        this.outbox = outbox;
        this.index = index;
        this.store = store;
        Gauge.builder("moat.index.memories", memories, AtomicLong::get)
                .description("Memories in the search index")
                .register(registry);
        Gauge.builder("moat.index.lag.changes", lag, AtomicLong::get)
                .description("How far the index trails the database: newest change id in the database minus the"
                        + " newest applied to the index; with a shared index, the changes waiting in the outbox")
                .register(registry);
        Gauge.builder("moat.index.segments", segments, AtomicLong::get)
                .description("Segments of the search index; each search visits every one, merges reduce them")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
    }

    @Scheduled(
            every = "${moat.index.metrics-refresh:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @ActivateRequestContext
    void refresh() {
        try {
            MemoryIndex.IndexStatus status = index.status();
            segments.set(status.segments());
            memories.set(status.memories());
            // Change ids are not comparable across instances: a shared index's lag is what its outbox holds.
            lag.set(outbox.inUse() ? outbox.count() : Math.max(0, store.newestVersion() - status.lastChange()));
        } catch (RuntimeException e) {
            LOG.debugf("Index metrics not refreshed: %s", e.getMessage());
        }
    }
}
