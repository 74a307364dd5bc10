package dev.moat.memory;

import dev.moat.user.Owner;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The history of memories: every change, kept after a delete. One memory's events are ordered by the revision each
 * made (imported ones, which have none, first, by id).
 */
@ApplicationScoped
@Transactional
public class MemoryEventRepository implements PanacheRepositoryBase<MemoryEvent, Long> {

    private static final String OWNED = "tenantId = ?1 and userId = ?2";

    /**
     * Appends a change to a memory's history, the snapshots already JSON (an import brings them); returns the event's
     * id, which becomes the memory's version when it is the latest.
     */
    public long record(Owner owner, String memoryId, MemoryEvent.Type type, String before, String after, Instant at) {
        return record(owner, memoryId, type, before, after, at, null);
    }

    /** As above, with the revision of the memory the change made. */
    public long record(
            Owner owner,
            String memoryId,
            MemoryEvent.Type type,
            String before,
            String after,
            Instant at,
            Long revision) {
        MemoryEvent e = new MemoryEvent();
        e.revision = revision;
        e.tenantId = owner.tenantId();
        e.userId = owner.userId();
        e.memoryId = memoryId;
        e.type = type;
        e.before = before;
        e.after = after;
        e.at = at;
        persist(e);
        return e.id;
    }

    /** Events of a memory of this owner, oldest first; empty when the owner never had it. */
    public List<MemoryEvent> history(Owner owner, String memoryId) {
        return list(
                OWNED + " and memoryId = ?3 order by coalesce(revision, 0), id",
                owner.tenantId(),
                owner.userId(),
                memoryId);
    }

    /** Every event of the owner, oldest first (each memory's in the order of its history). */
    public List<MemoryEvent> ofOwner(Owner owner) {
        return list(OWNED + " order by at, coalesce(revision, 0), id", owner.tenantId(), owner.userId());
    }

    /** An event's id alone: what a look for whether any event exists reads. */
    public record EventId(Long id) {}

    /** Whether the owner's history has any event of the memory. */
    public boolean hasEvents(Owner owner, String memoryId) {
        return find(OWNED + " and memoryId = ?3", owner.tenantId(), owner.userId(), memoryId)
                .project(EventId.class)
                .page(0, 1)
                .firstResultOptional()
                .isPresent();
    }

    long deleteOwned(Owner owner) {
        return delete(OWNED, owner.tenantId(), owner.userId());
    }
}
