package dev.moat.memory;

import dev.moat.user.Owner;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** The memory rows of one owner at a time: reads by owner, never across owners (those are the repair's). */
@ApplicationScoped
@Transactional
public class MemoryRepository implements PanacheRepositoryBase<Memory, String> {

    private static final String OWNED = "tenantId = ?1 and userId = ?2";
    private static final Sort NEWEST_FIRST = Sort.descending("occurredAt", "id");

    /** The memory, when it is this owner's; empty for another owner's, as for one that does not exist. */
    public Optional<Memory> find(Owner owner, String id) {
        return findByIdOptional(id).filter(m -> m.owner().equals(owner));
    }

    /** Those of the memories that still wait for their vector (a streamed import's), detached from the session. */
    public List<Memory> withoutVector(Owner owner, Collection<String> ids) {
        List<Memory> found = list(OWNED + " and id in ?3 and embedding is null", owner.tenantId(), owner.userId(), ids);
        found.forEach(getEntityManager()::detach);
        return found;
    }

    /** The text of the session's latest memory (by occurredAt, then id), which a new memory of it answers. */
    public Optional<String> latestInSession(Owner owner, String sessionId) {
        return find(OWNED + " and sessionId = ?3", NEWEST_FIRST, owner.tenantId(), owner.userId(), sessionId)
                .project(MemoryRow.Text.class)
                .page(0, 1)
                .firstResultOptional()
                .map(MemoryRow.Text::text);
    }

    /**
     * The memory, locked for this transaction (SELECT ... FOR UPDATE): writers of one memory, on any instance, change it
     * one after the other. Empty for another owner's, as for one that does not exist.
     */
    Optional<Memory> findForUpdate(Owner owner, String id) {
        return Optional.ofNullable(getEntityManager().find(Memory.class, id, LockModeType.PESSIMISTIC_WRITE))
                .filter(m -> m.owner().equals(owner));
    }

    /** The memory that holds the slot (at most one does: memory_holding_slot), locked for this transaction. */
    Optional<Memory> currentInSlotForUpdate(Owner owner, String slot) {
        return find(OWNED + " and holdingSlot = ?3", owner.tenantId(), owner.userId(), slot)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** The owner's facts and preferences still valid (none superseded them), by slot, newest first within one. */
    public List<MemoryRow> currentStatements(Owner owner) {
        return find(
                        OWNED + " and kind in ?3 and validTo is null",
                        Sort.ascending("slot").and("occurredAt", Sort.Direction.Descending),
                        owner.tenantId(),
                        owner.userId(),
                        List.of(MemoryKind.FACT, MemoryKind.PREFERENCE))
                .project(MemoryRow.class)
                .list();
    }

    /** Every memory of the owner, oldest first (occurredAt, then id), embeddings included. */
    public List<Memory> all(Owner owner) {
        return list(OWNED, Sort.ascending("occurredAt", "id"), owner.tenantId(), owner.userId());
    }

    /** Up to limit memories older than the cursor position (newest first by occurredAt, then id). */
    public List<Memory> page(Owner owner, PageCursor after, int limit) {
        var query = after == null
                ? find(OWNED, NEWEST_FIRST, owner.tenantId(), owner.userId())
                : find(
                        OWNED + " and (occurredAt < ?3 or (occurredAt = ?3 and id < ?4))",
                        NEWEST_FIRST,
                        owner.tenantId(),
                        owner.userId(),
                        after.occurredAt(),
                        after.id());
        return query.page(0, limit).list();
    }

    /**
     * This owner's memories among the ids, in no particular order. A projection, not entities: search reads a handful
     * of rows per query and needs neither the embeddings nor dirty checking.
     */
    public List<MemoryRow> rows(Owner owner, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return find("id in ?1 and tenantId = ?2 and userId = ?3", ids, owner.tenantId(), owner.userId())
                .project(MemoryRow.class)
                .list();
    }

    public UserStats stats(Owner owner) {
        List<Object[]> rows = getEntityManager()
                .createQuery(
                        "select m.kind, count(m), min(m.occurredAt), max(m.occurredAt) from Memory m"
                                + " where m.tenantId = :t and m.userId = :u group by m.kind",
                        Object[].class)
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .getResultList();
        var byKind = new LinkedHashMap<String, Long>();
        for (MemoryKind kind : MemoryKind.values()) {
            byKind.put(kind.id(), 0L);
        }
        long total = 0;
        Instant first = null;
        Instant last = null;
        for (Object[] row : rows) {
            long count = (Long) row[1];
            byKind.put(((MemoryKind) row[0]).id(), count);
            total += count;
            first = first == null || ((Instant) row[2]).isBefore(first) ? (Instant) row[2] : first;
            last = last == null || ((Instant) row[3]).isAfter(last) ? (Instant) row[3] : last;
        }
        return new UserStats(owner.userId(), total, byKind, first, last);
    }

    /** The tenant's users in id order, from the first after {@code after} (null: the start), at most limit. */
    public List<UserSummary> users(String tenantId, String after, int limit) {
        return getEntityManager()
                .createQuery(
                        "select u.key.userId, count(m.id), max(m.occurredAt) from MoatUser u left join Memory m"
                                + " on m.tenantId = u.key.tenantId and m.userId = u.key.userId"
                                + " where u.key.tenantId = :t and u.key.userId > :after"
                                + " group by u.key.userId order by u.key.userId",
                        Object[].class)
                .setParameter("t", tenantId)
                .setParameter("after", after == null ? "" : after)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(r -> new UserSummary((String) r[0], (Long) r[1], (Instant) r[2]))
                .toList();
    }

    /** Deletes every memory of the owner; returns how many. */
    long deleteOwned(Owner owner) {
        return delete(OWNED, owner.tenantId(), owner.userId());
    }
}
