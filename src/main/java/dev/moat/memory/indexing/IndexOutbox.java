package dev.moat.memory.indexing;

import dev.moat.index.IndexConfig;
import dev.moat.user.Owner;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The changes a shared index (OpenSearch) still has to apply, written in the transaction of each change so that none
 * is lost between the commit and the index: the writer applies its user's entries right after committing, and every
 * instance drains what is left (OutboxDrainer). With the embedded index nothing is written: its repair compares the
 * whole database with the index at start-up instead.
 */
@ApplicationScoped
@Transactional
public class IndexOutbox implements PanacheRepositoryBase<OutboxEntry, Long> {

    /** Skip rows another drainer holds (FOR UPDATE SKIP LOCKED): instances drain side by side. */
    private static final int SKIP_LOCKED = -2;

    private final boolean shared;

    public IndexOutbox(IndexConfig config) {
        this.shared = config.shared();
    }

    /** True when changes go through the outbox (a shared index). */
    public boolean inUse() {
        return shared;
    }

    /** Records, in the caller's transaction, that a memory was added, changed or deleted. */
    public void changed(Owner owner, String memoryId, OutboxEntry.Op op) {
        if (shared) {
            persist(entry(owner, memoryId, op));
        }
    }

    /** Records, in the caller's transaction, that every memory of the user is gone. */
    public void forgotten(Owner owner) {
        if (shared) {
            persist(entry(owner, null, OutboxEntry.Op.FORGET));
        }
    }

    private static OutboxEntry entry(Owner owner, String memoryId, OutboxEntry.Op op) {
        OutboxEntry e = new OutboxEntry();
        e.tenantId = owner.tenantId();
        e.userId = owner.userId();
        e.memoryId = memoryId;
        e.op = op;
        e.at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return e;
    }

    /**
     * The user's pending entries, locked; waits for a drainer that holds some of them, so that when this returns
     * every change of the user committed before it is either here or applied.
     */
    List<OutboxEntry> lockOwned(Owner owner, int limit) {
        return find("tenantId = ?1 and userId = ?2 order by id", owner.tenantId(), owner.userId())
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .page(0, limit)
                .list();
    }

    /** The oldest pending entries nobody else is draining, locked. */
    List<OutboxEntry> lockNext(int limit) {
        return find("order by id")
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .page(0, limit)
                .list();
    }

    /** The oldest pending entry's time, for the lag gauge; null when none is pending. */
    Instant oldest() {
        return getEntityManager()
                .createQuery("select min(e.at) from OutboxEntry e", Instant.class)
                .getSingleResult();
    }
}
