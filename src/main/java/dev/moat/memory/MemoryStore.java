package dev.moat.memory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.hibernate.id.uuid.UuidVersion7Strategy;

/**
 * The database side of every memory change, one transaction each: the memory row and its event commit together or
 * not at all. The index is updated by MemoryService after the commit.
 */
@ApplicationScoped
@Transactional
public class MemoryStore {

    private final EntityManager em;
    private final MemoryJson json;
    private final Event<UserForgotten> forgotten;

    public MemoryStore(EntityManager em, MemoryJson json, Event<UserForgotten> forgotten) {
        this.em = em;
        this.json = json;
        this.forgotten = forgotten;
    }

    /**
     * A memory to insert: its input, the context it was indexed with (resolved by MemoryService), the slot of an
     * extracted fact (else null), its vector.
     */
    public record Draft(NewMemory input, String context, String slot, byte[] embedding) {

        public Draft(NewMemory input, byte[] embedding) {
            this(input, input.context(), null, embedding);
        }
    }

    /** Creates the user row if there is none; true when it was created. */
    public boolean ensureUser(Owner owner, Instant now) {
        if (em.find(MemoryUser.class, new MemoryUser.Key(owner)) != null) {
            return false;
        }
        MemoryUser user = new MemoryUser();
        user.key = new MemoryUser.Key(owner);
        user.createdAt = now;
        em.persist(user);
        return true;
    }

    public List<Memory> insert(Owner owner, List<Draft> drafts, String embeddingModel, Instant now) {
        List<Memory> saved = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            Memory m = new Memory();
            m.id = newId();
            m.tenantId = owner.tenantId();
            m.userId = owner.userId();
            m.text = d.input().text();
            m.kind = d.input().kind() == null ? MemoryKind.MESSAGE : d.input().kind();
            m.occurredAt = d.input().occurredAt() == null ? now : d.input().occurredAt();
            m.createdAt = now;
            m.updatedAt = now;
            m.sessionId = d.input().sessionId();
            m.metadata = json.metadata(d.input().metadata());
            m.provenance = json.provenance(d.input().provenance());
            m.context = d.context();
            m.slot = d.slot();
            m.embedding = d.embedding();
            m.embeddingModel = embeddingModel;
            m.version = record(m, MemoryEvent.Type.ADD, null, json.view(m), now);
            saved.add(m);
        }
        // Persisted after all their events, so that Hibernate sends each table's rows as one JDBC batch
        // (quarkus.hibernate-orm.jdbc.statement-batch-size): it batches consecutive inserts into one table only.
        saved.forEach(em::persist);
        return saved;
    }

    /**
     * A time-ordered UUID (version 7, Hibernate's generator: the time, then a sequence from a random start): new
     * memories land at the end of the primary key's B-tree, in H2 and PostgreSQL alike, where random ids (version 4)
     * sent each insert to a random page. Ids stay opaque strings to clients and are no secret: every read of a memory
     * checks its owner.
     */
    static String newId() {
        return UuidVersion7Strategy.INSTANCE.generateUuid(null).toString();
    }

    /** The text of the session's latest memory (by occurredAt, then id), which a new memory of it answers. */
    public Optional<String> latestInSession(Owner owner, String sessionId) {
        return em.createQuery(
                        "select m.text from Memory m where m.tenantId = :t and m.userId = :u and m.sessionId = :s"
                                + " order by m.occurredAt desc, m.id desc",
                        String.class)
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .setParameter("s", sessionId)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /** The memory that holds for the slot now (no validTo), the latest by occurredAt when several do. */
    public Optional<Memory> currentInSlot(Owner owner, String slot) {
        return em.createQuery(
                        "from Memory m where m.tenantId = :t and m.userId = :u and m.slot = :s and m.validTo is null"
                                + " order by m.occurredAt desc, m.id desc",
                        Memory.class)
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .setParameter("s", slot)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /** Adds a source message to a memory's provenance (a duplicate merged into it), as a change in its history. */
    public Optional<Memory> addSource(Owner owner, String id, String sourceId, Instant now) {
        return change(owner, id, now, m -> {
            Provenance p = json.provenanceOf(m.provenance);
            List<String> sources = new ArrayList<>(p == null ? List.of() : p.sources());
            if (sources.contains(sourceId) || sources.size() >= MemoryLimits.MAX_SOURCES) {
                return false;
            }
            sources.add(sourceId);
            m.provenance = json.provenance(
                    new Provenance(sources, p == null ? null : p.provider(), p == null ? null : p.model()));
            return true;
        });
    }

    /** Marks a memory as no longer holding from validTo on (a newer one of its slot replaced it), in its history. */
    public Optional<Memory> supersede(Owner owner, String id, Instant validTo, Instant now) {
        return change(owner, id, now, m -> {
            m.validTo = validTo;
            return true;
        });
    }

    /**
     * Applies a change to the owner's memory and records it as an UPDATE in its history, with the memory before and
     * after; the change answers false when it found nothing to change, and then nothing is recorded.
     */
    private Optional<Memory> change(Owner owner, String id, Instant now, Predicate<Memory> apply) {
        return find(owner, id).map(m -> {
            MemoryView before = json.view(m);
            if (apply.test(m)) {
                m.updatedAt = now;
                m.version = record(m, MemoryEvent.Type.UPDATE, before, json.view(m), now);
            }
            return m;
        });
    }

    public Optional<Memory> find(Owner owner, String id) {
        Memory m = em.find(Memory.class, id);
        return m != null && m.owner().equals(owner) ? Optional.of(m) : Optional.empty();
    }

    /** Applies the patch; embedding is the new text's, or null when the text did not change. */
    public Optional<Memory> update(
            Owner owner, String id, MemoryPatch patch, byte[] embedding, String embeddingModel, Instant now) {
        return change(owner, id, now, m -> {
            if (patch.text() != null) {
                m.text = patch.text();
                m.embedding = embedding;
                m.embeddingModel = embeddingModel;
            }
            if (patch.kind() != null) {
                m.kind = patch.kind();
            }
            if (patch.occurredAt() != null) {
                m.occurredAt = patch.occurredAt();
            }
            if (patch.sessionId() != null) {
                m.sessionId = patch.sessionId();
            }
            if (patch.metadata() != null) {
                m.metadata = json.metadata(patch.metadata());
            }
            return true; // an empty patch is refused before it gets here (MemoryService.update)
        });
    }

    public Optional<Memory> delete(Owner owner, String id, Instant now) {
        return find(owner, id).map(m -> {
            record(m, MemoryEvent.Type.DELETE, json.view(m), null, now);
            em.remove(m);
            return m;
        });
    }

    /** Events of a memory of this owner, oldest first; empty when the owner never had it. */
    public List<MemoryEvent> history(Owner owner, String memoryId) {
        return em.createQuery(
                        "from MemoryEvent e where e.tenantId = :t and e.userId = :u and e.memoryId = :m order by e.id",
                        MemoryEvent.class)
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .setParameter("m", memoryId)
                .getResultList();
    }

    /** Every memory of the owner, oldest first (occurredAt, then id), embeddings included. */
    public List<Memory> all(Owner owner) {
        return em.createQuery(
                        "from Memory m where m.tenantId = :t and m.userId = :u order by m.occurredAt, m.id",
                        Memory.class)
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .getResultList();
    }

    /** Up to limit memories older than the cursor position (newest first by occurredAt, then id). */
    public List<Memory> page(Owner owner, PageCursor after, int limit) {
        String where = "m.tenantId = :t and m.userId = :u";
        if (after != null) {
            where += " and (m.occurredAt < :at or (m.occurredAt = :at and m.id < :id))";
        }
        var query = em.createQuery(
                        "from Memory m where " + where + " order by m.occurredAt desc, m.id desc", Memory.class)
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .setMaxResults(limit);
        if (after != null) {
            query.setParameter("at", after.occurredAt()).setParameter("id", after.id());
        }
        return query.getResultList();
    }

    /**
     * Views of this owner's memories among the ids, in no particular order. A projection, not entities: search
     * reads a handful of rows per query and needs neither the embeddings nor dirty checking.
     */
    public List<MemoryView> views(Owner owner, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em
                .createQuery(
                        "select m.id, m.text, m.kind, m.occurredAt, m.createdAt, m.updatedAt, m.sessionId, m.metadata,"
                                + " m.provenance, m.context, m.slot, m.validTo from Memory m"
                                + " where m.id in :ids and m.tenantId = :t and m.userId = :u",
                        Object[].class)
                .setParameter("ids", ids)
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .getResultList()
                .stream()
                .map(r -> new MemoryView(
                        (String) r[0],
                        owner.userId(),
                        (String) r[1],
                        (MemoryKind) r[2],
                        (Instant) r[3],
                        (Instant) r[4],
                        (Instant) r[5],
                        (String) r[6],
                        json.metadataOf((String) r[7]),
                        json.provenanceOf((String) r[8]),
                        (String) r[9],
                        (String) r[10],
                        (Instant) r[11]))
                .toList();
    }

    public UserStats stats(Owner owner) {
        List<Object[]> rows = em.createQuery(
                        "select m.kind, count(m), min(m.occurredAt), max(m.occurredAt) from Memory m"
                                + " where m.tenantId = :t and m.userId = :u group by m.kind",
                        Object[].class)
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .getResultList();
        var byKind = new java.util.LinkedHashMap<String, Long>();
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

    /**
     * Deletes every row of the user: memories, their history, what other features keep of them (through
     * {@link UserForgotten}) and the user. Returns the memories deleted.
     */
    public long forget(Owner owner) {
        forgotten.fire(new UserForgotten(owner));
        long memories = deleteWhereOwner("Memory", owner);
        deleteWhereOwner("MemoryEvent", owner);
        em.createQuery("delete from MemoryUser u where u.key.tenantId = :t and u.key.userId = :u")
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .executeUpdate();
        return memories;
    }

    private long deleteWhereOwner(String entity, Owner owner) {
        return em.createQuery("delete from " + entity + " x where x.tenantId = :t and x.userId = :u")
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .executeUpdate();
    }

    private long record(Memory m, MemoryEvent.Type type, MemoryView before, MemoryView after, Instant now) {
        return recordEvent(m.owner(), m.id, type, json.snapshot(before), json.snapshot(after), now);
    }

    /**
     * Appends a change to a memory's history, the snapshots already JSON (an import brings them); returns the
     * event's id, which becomes the memory's version when it is the latest.
     */
    public long recordEvent(
            Owner owner, String memoryId, MemoryEvent.Type type, String before, String after, Instant at) {
        MemoryEvent e = new MemoryEvent();
        e.tenantId = owner.tenantId();
        e.userId = owner.userId();
        e.memoryId = memoryId;
        e.type = type;
        e.before = before;
        e.after = after;
        e.at = at;
        em.persist(e);
        return e.id;
    }

    // --- Whole-database reads for the index repair: every tenant, never exposed through the API. ---

    /** Id, version and embedding model of up to limit memories with ids after afterId, in id order. */
    public List<Object[]> versionsAfter(String afterId, int limit) {
        return em.createQuery(
                        "select m.id, m.version, m.embeddingModel from Memory m where m.id > :after order by m.id",
                        Object[].class)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The version of the most recently changed memory (0 when there is none), for the index-lag gauge. */
    public long newestVersion() {
        Long newest = em.createQuery("select max(m.version) from Memory m", Long.class)
                .getSingleResult();
        return newest == null ? 0 : newest;
    }

    /** Memories among the ids, whoever owns them. */
    public List<Memory> findAnyOwner(Collection<String> ids) {
        return em.createQuery("from Memory m where m.id in :ids", Memory.class)
                .setParameter("ids", ids)
                .getResultList();
    }

    /** Replaces a memory's stored embedding (after a change of model) without changing its version. */
    public void storeEmbedding(String id, byte[] embedding, String model) {
        em.createQuery("update Memory m set m.embedding = :e, m.embeddingModel = :model where m.id = :id")
                .setParameter("e", embedding)
                .setParameter("model", model)
                .setParameter("id", id)
                .executeUpdate();
    }
}
