package dev.moat.memory;

import dev.moat.memory.indexing.IndexOutbox;
import dev.moat.memory.indexing.OutboxEntry;
import dev.moat.user.Owner;
import dev.moat.user.UserForgotten;
import dev.moat.user.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hibernate.id.uuid.UuidVersion7Strategy;

/**
 * The database side of every memory change, one transaction each: the memory row, its event and (with a shared index)
 * its outbox entry commit together or not at all. The index is updated by MemoryService after the commit.
 */
@ApplicationScoped
@Transactional
public class MemoryStore {

    private final MemoryRepository memories;
    private final MemoryEventRepository events;
    private final UserRepository users;
    private final MemoryJson json;
    private final Event<UserForgotten> forgotten;
    private final IndexOutbox outbox;

    public MemoryStore(
            MemoryRepository memories,
            MemoryEventRepository events,
            UserRepository users,
            MemoryJson json,
            Event<UserForgotten> forgotten,
            IndexOutbox outbox) {
        this.outbox = outbox;
        this.memories = memories;
        this.events = events;
        this.users = users;
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

    public List<Memory> insert(Owner owner, List<Draft> drafts, String embeddingModel, Instant now) {
        return insert(owner, drafts, embeddingModel, now, saved -> {});
    }

    /**
     * As {@link #insert(Owner, List, String, Instant)}, with the caller's own writes about the new memories
     * (alongside, given them once persisted) in the same transaction: both commit, or neither.
     */
    public List<Memory> insert(
            Owner owner, List<Draft> drafts, String embeddingModel, Instant now, Consumer<List<Memory>> alongside) {
        users.holdForWrite(owner, now);
        List<Memory> saved = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            saved.add(newMemory(owner, d, null, embeddingModel, now));
        }
        // Persisted after all their events, so that Hibernate sends each table's rows as one JDBC batch
        // (quarkus.hibernate-orm.jdbc.statement-batch-size): it batches consecutive inserts into one table only.
        memories.persist(saved);
        alongside.accept(saved);
        return saved;
    }

    /**
     * Stores vectors computed after their memories were written (a streamed import's, filled in behind), each only if
     * its memory still has none and is unchanged since its text was read: one edited meanwhile got its own vector. No
     * event: the memory's content did not change. The rows stored, with their embedding set.
     */
    public List<Memory> storeLateVectors(Owner owner, List<Memory> read, List<byte[]> vectors, String embeddingModel) {
        List<Memory> stored = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            Memory m = read.get(i);
            int changed = memories.update(
                    "embedding = ?1, embeddingModel = ?2 where id = ?3 and tenantId = ?4 and userId = ?5"
                            + " and version = ?6 and embedding is null",
                    vectors.get(i),
                    embeddingModel,
                    m.id,
                    owner.tenantId(),
                    owner.userId(),
                    m.version);
            if (changed == 1) {
                m.embedding = vectors.get(i);
                m.embeddingModel = embeddingModel;
                outbox.changed(owner, m.id, OutboxEntry.Op.UPSERT);
                stored.add(m);
            }
        }
        return stored;
    }

    /** A new memory row and its ADD event (recorded; the row is the caller's to persist). */
    private Memory newMemory(Owner owner, Draft d, Instant validTo, String embeddingModel, Instant now) {
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
        m.holdsUntil(validTo);
        m.embedding = d.embedding();
        m.embeddingModel = embeddingModel;
        m.revision = 1;
        m.version = record(m, MemoryEvent.Type.ADD, null, json.view(m), now);
        outbox.changed(owner, m.id, OutboxEntry.Op.UPSERT);
        return m;
    }

    /** What consolidating a statement changed: the memories to index, and the statement's own when it was added. */
    public record Consolidated(List<Memory> changed, Optional<Memory> added) {}

    /**
     * Consolidates a statement into its slot in one transaction: the holder is read under its row lock and the change
     * the decision names is applied before the lock goes, so two writers of one slot, on any instance, decide one after
     * the other. Two writers of a slot nobody holds yet both find none: the second one's insert then breaks
     * memory_holding_slot and its transaction rolls back (MemoryService tries it again).
     */
    public Consolidated consolidate(
            Owner owner,
            Draft statement,
            String sourceId,
            Function<Optional<MemoryView>, SlotChange> decide,
            String embeddingModel,
            Instant now) {
        users.holdForWrite(owner, now);
        Optional<Memory> holder = memories.currentInSlotForUpdate(owner, statement.slot());
        SlotChange change = decide.apply(holder.map(json::view));
        Instant saidAt = statement.input().occurredAt();
        return switch (change) {
            case MERGE -> new Consolidated(
                    addSource(holder.orElseThrow(), sourceId, now).stream().toList(), Optional.empty());
            case ADD -> added(List.of(), newMemory(owner, statement, null, embeddingModel, now));
            case ADD_SUPERSEDED -> added(
                    List.of(), newMemory(owner, statement, holder.orElseThrow().occurredAt, embeddingModel, now));
            case ADD_SUPERSEDING -> added(
                    supersede(holder.orElseThrow(), saidAt, now).stream().toList(),
                    newMemory(owner, statement, null, embeddingModel, now));
        };
    }

    /**
     * Makes way, in the caller's transaction, for a memory that is about to be inserted holding its slot (an import):
     * one memory holds a slot, so the later said of it and the user's holder keeps holding and the other is superseded
     * from that time on, as consolidation would have done. Returns the holder when it was superseded (to index).
     */
    public Optional<Memory> settleSlot(Memory incoming, Instant now) {
        if (incoming.holdingSlot == null) {
            return Optional.empty();
        }
        Optional<Memory> holder = memories.currentInSlotForUpdate(incoming.owner(), incoming.holdingSlot);
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        Memory old = holder.get();
        if (old.occurredAt.isAfter(incoming.occurredAt)) {
            incoming.holdsUntil(old.occurredAt);
            return Optional.empty();
        }
        return supersede(old, incoming.occurredAt, now);
    }

    /**
     * The locked holder stops holding its slot from validTo on, as an UPDATE in its history, written to the database
     * at once: the memory that takes the slot is inserted after it, and the unique slot index checks each statement.
     */
    private Optional<Memory> supersede(Memory holder, Instant validTo, Instant now) {
        Optional<Memory> superseded = apply(holder, now, m -> {
            m.holdsUntil(validTo);
            return true;
        });
        memories.flush();
        return superseded;
    }

    private Consolidated added(List<Memory> changed, Memory added) {
        memories.persist(added);
        memories.flush(); // a lost race on a free slot fails here, where MemoryService sees it, not at commit
        List<Memory> all = new ArrayList<>(changed);
        all.add(added);
        return new Consolidated(all, Optional.of(added));
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

    /** Adds a source message to a memory's provenance (a duplicate merged into it), as a change in its history. */
    private Optional<Memory> addSource(Memory memory, String sourceId, Instant now) {
        return apply(memory, now, m -> {
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

    /**
     * Applies a change to the owner's memory and records it as an UPDATE in its history, with the memory before and
     * after; the change answers false when it found nothing to change, and then nothing is recorded.
     */
    private Optional<Memory> change(Owner owner, String id, Instant now, Predicate<Memory> apply) {
        return memories.findForUpdate(owner, id).flatMap(m -> apply(m, now, apply));
    }

    /** The change on a memory this transaction holds locked; empty when it changed nothing. */
    private Optional<Memory> apply(Memory m, Instant now, Predicate<Memory> apply) {
        MemoryView before = json.view(m);
        if (!apply.test(m)) {
            return Optional.empty();
        }
        m.updatedAt = now;
        m.revision++;
        m.version = record(m, MemoryEvent.Type.UPDATE, before, json.view(m), now);
        outbox.changed(m.owner(), m.id, OutboxEntry.Op.UPSERT);
        return Optional.of(m);
    }

    public Optional<Memory> delete(Owner owner, String id, Instant now) {
        return memories.findForUpdate(owner, id).map(m -> {
            m.revision++;
            record(m, MemoryEvent.Type.DELETE, json.view(m), null, now);
            memories.delete(m);
            outbox.changed(owner, id, OutboxEntry.Op.DELETE);
            return m;
        });
    }

    /**
     * Deletes every row of the user: memories, their history, what other features keep of them (through
     * {@link UserForgotten}) and the user. Returns the memories deleted.
     */
    public long forget(Owner owner) {
        users.lockForForget(owner);
        forgotten.fire(new UserForgotten(owner));
        long deleted = memories.deleteOwned(owner);
        events.deleteOwned(owner);
        users.remove(owner);
        outbox.forgotten(owner);
        return deleted;
    }

    private long record(Memory m, MemoryEvent.Type type, MemoryView before, MemoryView after, Instant now) {
        return events.record(m.owner(), m.id, type, json.snapshot(before), json.snapshot(after), now, m.revision);
    }
}
