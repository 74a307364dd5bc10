package dev.moat.memory.indexing;

import dev.moat.index.IndexException;
import dev.moat.index.MemoryIndex;
import dev.moat.memory.Memory;
import dev.moat.user.Owner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Applies the outbox to the shared index: a writer applies its user's entries right after its commit (so its change is
 * searchable when its request returns), and every instance drains what is left each moat.index.outbox-interval (a
 * writer that died, or found the index down). At least once and idempotent: an entry is deleted only after the index
 * took it, and what is indexed is the memory's state in the database now, under its revision as external version.
 */
@ApplicationScoped
public class OutboxDrainer {

    private static final Logger LOG = Logger.getLogger(OutboxDrainer.class);
    private static final int BATCH = 500;

    private final IndexOutbox outbox;
    private final MemoryIndex index;
    private final RepairQueries rows;
    private final IndexRepairService repair;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicLong lagMillis = new AtomicLong();

    public OutboxDrainer(
            IndexOutbox outbox,
            MemoryIndex index,
            RepairQueries rows,
            IndexRepairService repair,
            MeterRegistry metrics) {
        this.outbox = outbox;
        this.index = index;
        this.rows = rows;
        this.repair = repair;
        Gauge.builder("moat.index.outbox.lag", lagMillis, AtomicLong::get)
                .description("Age of the oldest change the shared index has not applied yet, in milliseconds")
                .baseUnit("milliseconds")
                .register(metrics);
    }

    /** Applies every pending change of the user; they are searchable when this returns. */
    public void drainOwner(Owner owner) {
        while (QuarkusTransaction.requiringNew().call(() -> apply(outbox.lockOwned(owner, BATCH))) == BATCH) {
            // a user with more pending changes than one batch (an import while the index was down)
        }
    }

    @Scheduled(
            every = "${moat.index.outbox-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void drainPending() {
        if (!outbox.inUse()) {
            return;
        }
        try {
            while (QuarkusTransaction.requiringNew().call(() -> apply(outbox.lockNext(BATCH))) == BATCH) {
                // more than a batch waiting
            }
            if (failing.compareAndSet(true, false)) {
                LOG.info("The shared index is reachable again; pending changes applied");
            }
            if (repair.uncheckedSinceStart()) {
                repair.requestRepair(); // the start-up check could not reach the index: run it now
            }
        } catch (IndexException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.warnf("The shared index is unreachable (%s); changes wait in the outbox", e.getMessage());
            }
        }
        Instant oldest = QuarkusTransaction.requiringNew().call(outbox::oldest);
        lagMillis.set(
                oldest == null ? 0 : Duration.between(oldest, Instant.now()).toMillis());
    }

    /** In the caller's transaction: applies the locked entries, then deletes them. Returns how many there were. */
    private int apply(List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        Set<Owner> forgotten = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        for (OutboxEntry e : entries) {
            if (e.op == OutboxEntry.Op.FORGET) {
                forgotten.add(e.owner());
            } else {
                ids.add(e.memoryId);
            }
        }
        for (Owner owner : forgotten) {
            index.deleteOwner(owner);
            // what the user wrote since the forget (read after it left the index) goes back in
            ids.addAll(rows.idsOf(owner));
        }
        List<Memory> present = ids.isEmpty() ? List.of() : rows.findAnyOwner(ids);
        index.upsert(present.stream().map(m -> IndexedMemories.of(m, null)).toList(), true);
        Set<String> gone = new HashSet<>(ids);
        present.forEach(m -> gone.remove(m.id));
        index.delete(gone);
        outbox.delete("id in ?1", entries.stream().map(e -> e.id).toList());
        return entries.size();
    }
}
