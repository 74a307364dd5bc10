package dev.moat.memory;

import dev.moat.embed.EmbeddingService;
import dev.moat.embed.Vectors;
import dev.moat.index.IndexedMemory;
import dev.moat.index.MemoryIndex;
import dev.moat.memory.indexing.IndexFollower;
import dev.moat.memory.indexing.IndexedMemories;
import dev.moat.user.Owner;
import dev.moat.user.UserRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Adds, changes and forgets memories (MemoryQueryService reads them). Every write commits to the database first and
 * then reaches the index, so a memory whose request was answered is never lost: an index that missed it is repaired
 * from the database.
 */
@ApplicationScoped
public class MemoryService {

    private static final Logger LOG = Logger.getLogger(MemoryService.class);
    private static final int STRIPES = 64;
    private static final int MAX_SLOT_ROUNDS = 16;

    private final MemoryStore store;
    private final MemoryRepository rows;
    private final MemoryIndex index;
    private final EmbeddingService embeddings;
    private final MemoryJson json;
    private final MeterRegistry metrics;
    private final Object[] stripes = new Object[STRIPES];
    private final UserRegistry users;
    private final Event<MemoriesAdded> added;
    private final IndexFollower follower;

    public MemoryService(
            MemoryStore store,
            MemoryRepository rows,
            MemoryIndex index,
            EmbeddingService embeddings,
            MemoryJson json,
            MeterRegistry metrics,
            UserRegistry users,
            Event<MemoriesAdded> added,
            IndexFollower follower) {
        this.follower = follower;
        this.store = store;
        this.rows = rows;
        this.index = index;
        this.embeddings = embeddings;
        this.json = json;
        this.metrics = metrics;
        this.users = users;
        this.added = added;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    public MemoryView add(Owner owner, NewMemory memory) {
        return addAll(owner, List.of(memory)).get(0);
    }

    /**
     * Adds a memory without waiting for search to show it (it does within moat.index.refresh-interval): for chat
     * messages, which are never searched for at once, so concurrent chats share index refreshes.
     */
    public MemoryView remember(Owner owner, NewMemory memory) {
        return remember(owner, memory, id -> {});
    }

    /**
     * As {@link #remember(Owner, NewMemory)}, with the caller's own record of the memory (a chat's transcript entry,
     * given the new memory's id) committed in the memory's transaction: one commit for both, or neither.
     */
    public MemoryView remember(Owner owner, NewMemory memory, Consumer<String> alongside) {
        return addAll(owner, List.of(memory), false, saved -> alongside.accept(saved.get(0).id))
                .get(0);
    }

    /** Adds every memory or none: one transaction, then one index update; searchable when this returns. */
    public List<MemoryView> addAll(Owner owner, List<NewMemory> memories) {
        return addAll(owner, memories, true, saved -> {});
    }

    /**
     * Adds memories whose vectors the caller computed with this service's embedding model (unit length, one per
     * memory, in order, from {@link EmbeddingService#passage} of each text and its given context): the write path
     * without the model, for loads that bring their own embeddings. All or none, searchable when this returns.
     */
    public List<MemoryView> addAllEmbedded(Owner owner, List<NewMemory> memories, List<float[]> vectors) {
        if (vectors.size() != memories.size()) {
            throw new IllegalArgumentException(memories.size() + " memories but " + vectors.size() + " vectors");
        }
        for (float[] vector : vectors) {
            if (vector.length != embeddings.dimension()) {
                throw new IllegalArgumentException("a vector of " + vector.length + " dimensions; the model "
                        + embeddings.modelName() + " makes " + embeddings.dimension());
            }
        }
        return timed("add", () -> insert(owner, memories, contexts(owner, memories), null, vectors, true, saved -> {}));
    }

    private List<MemoryView> addAll(
            Owner owner, List<NewMemory> memories, boolean waitUntilSearchable, Consumer<List<Memory>> alongside) {
        return timed("add", () -> {
            List<String> contexts = contexts(owner, memories);
            List<String> passages = new ArrayList<>(memories.size());
            for (int i = 0; i < memories.size(); i++) {
                passages.add(EmbeddingService.passage(memories.get(i).text(), contexts.get(i)));
            }
            List<MemoryView> saved = insert(
                    owner, memories, contexts, null, embeddings.embedAll(passages), waitUntilSearchable, alongside);
            added.fire(new MemoriesAdded(owner, saved, waitUntilSearchable));
            return saved;
        });
    }

    /**
     * Consolidates a statement drawn from a message (its provenance names the message, sourceId) into its slot: decide
     * says, from the memory that holds the slot now, whether the message merges into it or the statement is added,
     * superseding it or superseded by it (MemoryStore.consolidate). The statement's vector is its own, without
     * context ({@link #statementVectors}), computed here when null. Returns the statement's memory when one was added.
     */
    public Optional<MemoryView> consolidate(
            Owner owner,
            NewMemory statement,
            float[] statementVector,
            String slot,
            String sourceId,
            Function<Optional<MemoryView>, SlotChange> decide,
            boolean waitUntilSearchable) {
        byte[] vector = Vectors.toBytes(
                statementVector != null
                        ? statementVector
                        : statementVectors(List.of(statement.text())).get(0));
        MemoryStore.Draft draft = new MemoryStore.Draft(statement, null, slot, vector);
        users.ensure(owner);
        for (int attempt = 1; ; attempt++) {
            try {
                MemoryStore.Consolidated done =
                        store.consolidate(owner, draft, sourceId, decide, embeddings.modelName(), now());
                List<IndexedMemory> indexed = done.changed().stream()
                        .map(m -> IndexedMemories.of(m, null))
                        .toList();
                follower.follow(owner, () -> index.upsert(indexed, waitUntilSearchable));
                return done.added().map(json::view);
            } catch (RuntimeException e) {
                // Another writer took the free slot first (memory_holding_slot): decide again, on its memory. Each
                // lost round means another writer's statement landed, so rounds end; a burst of writers of one slot
                // can take several (ConcurrencyTest runs 8 at once: 3 rounds were once not enough).
                if (attempt == MAX_SLOT_ROUNDS || !Exceptions.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /** The vectors statements are consolidated with, in order: each text's own, without context, in one batch. */
    public List<float[]> statementVectors(List<String> texts) {
        return texts.isEmpty() ? List.of() : embeddings.embedAll(texts);
    }

    /**
     * The turn each memory answered: the context its writer gave, else, in a session, the memory before it there
     * (earlier in this batch, or the session's latest stored one); null outside a session. Cut to
     * MemoryLimits.MAX_CONTEXT_CHARS.
     */
    private List<String> contexts(Owner owner, List<NewMemory> memories) {
        Map<String, String> latest = new HashMap<>();
        List<String> contexts = new ArrayList<>(memories.size());
        for (NewMemory m : memories) {
            String context = m.context();
            if ((context == null || context.isBlank()) && m.sessionId() != null) {
                context = latest.computeIfAbsent(
                        m.sessionId(), s -> rows.latestInSession(owner, s).orElse(null));
            }
            contexts.add(MemoryLimits.clipContext(context));
            if (m.sessionId() != null) {
                latest.put(m.sessionId(), m.text());
            }
        }
        return contexts;
    }

    /**
     * Commits the memories with their contexts, slots (null: none has one) and vectors in one transaction, with the
     * caller's writes alongside, then indexes them.
     */
    private List<MemoryView> insert(
            Owner owner,
            List<NewMemory> memories,
            List<String> contexts,
            List<String> slots,
            List<float[]> vectors,
            boolean waitUntilSearchable,
            Consumer<List<Memory>> alongside) {
        List<MemoryStore.Draft> drafts = new ArrayList<>(memories.size());
        for (int i = 0; i < memories.size(); i++) {
            NewMemory in = memories.get(i);
            Instant occurredAt =
                    in.occurredAt() == null ? null : in.occurredAt().truncatedTo(ChronoUnit.MILLIS);
            NewMemory normalized =
                    new NewMemory(in.text(), in.kind(), occurredAt, in.sessionId(), in.metadata(), in.provenance());
            drafts.add(new MemoryStore.Draft(
                    normalized, contexts.get(i), slots == null ? null : slots.get(i), Vectors.toBytes(vectors.get(i))));
        }
        Instant now = now();
        users.ensure(owner);
        List<Memory> saved = store.insert(owner, drafts, embeddings.modelName(), now, alongside);
        List<IndexedMemory> indexed = new ArrayList<>(saved.size());
        for (int i = 0; i < saved.size(); i++) {
            indexed.add(IndexedMemories.of(saved.get(i), vectors.get(i)));
        }
        follower.follow(owner, () -> index.upsert(indexed, waitUntilSearchable));
        return saved.stream().map(json::view).toList();
    }

    /**
     * Computes and stores the vectors of those of the owner's memories that were written without one (a streamed
     * import's), then gives the index their vectors. How many got one: fewer when some were edited or deleted meanwhile.
     */
    public int fillVectors(Owner owner, List<String> ids) {
        List<Memory> waiting = rows.withoutVector(owner, ids);
        if (waiting.isEmpty()) {
            return 0;
        }
        List<float[]> vectors = embeddings.embedAll(waiting.stream()
                .map(m -> EmbeddingService.passage(m.text, m.context))
                .toList());
        List<Memory> stored = store.storeLateVectors(
                owner, waiting, vectors.stream().map(Vectors::toBytes).toList(), embeddings.modelName());
        follower.followCommitted(stored);
        return stored.size();
    }

    /** Brings memories committed by another feature (an import) into the index, searchable when this returns. */
    public void indexCommitted(List<Memory> committed) {
        follower.followCommitted(committed);
    }

    public Optional<MemoryView> update(Owner owner, String id, MemoryPatch patch) {
        if (patch.isEmpty()) {
            throw new InvalidMemoryException(
                    "the patch changes nothing: give at least one of text, kind, occurredAt, sessionId, metadata");
        }
        return timed("update", () -> {
            // A new text keeps the context of the turn it answered.
            float[] vector = patch.text() == null
                    ? null
                    : embeddings
                            .embedAll(List.of(EmbeddingService.passage(
                                    patch.text(),
                                    rows.find(owner, id).map(m -> m.context).orElse(null))))
                            .get(0);
            byte[] bytes = vector == null ? null : Vectors.toBytes(vector);
            MemoryPatch normalized = patch.occurredAt() == null
                    ? patch
                    : new MemoryPatch(
                            patch.text(),
                            patch.kind(),
                            patch.occurredAt().truncatedTo(ChronoUnit.MILLIS),
                            patch.sessionId(),
                            patch.metadata());
            // One memory's database change and index change happen in the same order for every writer.
            synchronized (stripe(id)) {
                Optional<Memory> updated = store.update(owner, id, normalized, bytes, embeddings.modelName(), now());
                updated.ifPresent(
                        m -> follower.follow(owner, () -> index.upsert(List.of(IndexedMemories.of(m, null)))));
                return updated.map(json::view);
            }
        });
    }

    public boolean delete(Owner owner, String id) {
        return timed("delete", () -> {
            synchronized (stripe(id)) {
                boolean deleted = store.delete(owner, id, now()).isPresent();
                if (deleted) {
                    follower.follow(owner, () -> index.delete(List.of(id)));
                }
                return deleted;
            }
        });
    }

    /** Deletes every memory, event and index entry of the user. Returns how many memories were deleted. */
    public long forget(Owner owner) {
        return timed("forget", () -> {
            return users.forget(owner, () -> {
                long deleted = store.forget(owner);
                follower.follow(owner, () -> index.deleteOwner(owner));
                LOG.infof("Forgot user %s of tenant %s: %d memories", owner.userId(), owner.tenantId(), deleted);
                return deleted;
            });
        });
    }

    private Object stripe(String key) {
        return stripes[Math.floorMod(key.hashCode(), STRIPES)];
    }

    private <T> T timed(String op, Supplier<T> work) {
        return Timer.builder("moat.memory.writes")
                .description("Memory writes, from request to searchable")
                .tag("op", op)
                .publishPercentileHistogram()
                .register(metrics)
                .record(work);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
