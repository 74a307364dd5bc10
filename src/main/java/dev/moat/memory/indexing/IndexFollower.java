package dev.moat.memory.indexing;

import dev.moat.index.MemoryIndex;
import dev.moat.memory.Memory;
import dev.moat.user.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * How a change the database committed reaches the index. The embedded index applies it at once and is repaired from
 * the database when it could not; a shared index applies the user's outbox entries, which stay for the drainer when
 * it could not. Either way the memory is safe: the index follows the database.
 */
@ApplicationScoped
public class IndexFollower {

    private static final Logger LOG = Logger.getLogger(IndexFollower.class);

    private final MemoryIndex index;
    private final IndexOutbox outbox;
    private final OutboxDrainer drainer;
    private final IndexRepairService repair;

    public IndexFollower(MemoryIndex index, IndexOutbox outbox, OutboxDrainer drainer, IndexRepairService repair) {
        this.index = index;
        this.outbox = outbox;
        this.drainer = drainer;
        this.repair = repair;
    }

    /** After the owner's commit: embeddedChange on the embedded index, the owner's outbox on a shared one. */
    public void follow(Owner owner, Runnable embeddedChange) {
        try {
            if (outbox.inUse()) {
                drainer.drainOwner(owner);
            } else {
                embeddedChange.run();
            }
        } catch (RuntimeException e) {
            if (outbox.inUse()) {
                LOG.warnf(
                        "The shared index missed a change the database committed (%s); it waits in the outbox",
                        e.getMessage());
            } else {
                LOG.error("The index missed a change the database committed; repairing it from the database", e);
                repair.onIndexFailure();
            }
        }
    }

    /** Memories of one owner committed by another feature (an import), searchable when this returns. */
    public void followCommitted(List<Memory> committed) {
        if (!committed.isEmpty()) {
            follow(
                    committed.get(0).owner(),
                    () -> index.upsert(
                            committed.stream()
                                    .map(m -> IndexedMemories.of(m, null))
                                    .toList(),
                            true));
        }
    }
}
