package dev.moat.memory;

import dev.moat.embed.EmbeddingService;
import dev.moat.embed.Vectors;
import dev.moat.index.IndexRepairService;
import dev.moat.index.IndexedMemory;
import dev.moat.index.MemoryIndex;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Adds, changes, forgets and finds memories. Every write commits to the database first and then reaches the index,
 * so a memory whose request was answered is never lost: an index that missed it is repaired from the database.
 */
@ApplicationScoped
public class MemoryService {

    private static final Logger LOG = Logger.getLogger(MemoryService.class);
    private static final int STRIPES = 64;

    private final MemoryStore store;
    private final MemoryIndex index;
    private final EmbeddingService embeddings;
    private final MemoryJson json;
    private final MeterRegistry metrics;
    private final Runnable requestRepair;
    private final Object[] stripes = new Object[STRIPES];
    private final UserRegistry users;
    private final ExtractionConfig extraction;
    private final ModelExtractor modelExtractor;
    /** Extraction through a provider: one thread, a bounded queue, so a slow model never holds a write. */
    private final ThreadPoolExecutor extractionThread =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "moat-extraction");
                t.setDaemon(true);
                return t;
            });

    public MemoryService(
            MemoryStore store,
            MemoryIndex index,
            EmbeddingService embeddings,
            MemoryJson json,
            MeterRegistry metrics,
            IndexRepairService repair,
            UserRegistry users,
            ExtractionConfig extraction,
            ModelExtractor modelExtractor) {
        this.store = store;
        this.index = index;
        this.embeddings = embeddings;
        this.json = json;
        this.metrics = metrics;
        this.requestRepair = repair::requestRepair;
        this.users = users;
        this.extraction = extraction;
        this.modelExtractor = modelExtractor;
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
        return addAll(owner, List.of(memory), false).get(0);
    }

    /** Adds every memory or none: one transaction, then one index update; searchable when this returns. */
    public List<MemoryView> addAll(Owner owner, List<NewMemory> memories) {
        return addAll(owner, memories, true);
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
        return timed("add", () -> insert(owner, memories, contexts(owner, memories), null, vectors, true));
    }

    private List<MemoryView> addAll(Owner owner, List<NewMemory> memories, boolean waitUntilSearchable) {
        return timed("add", () -> {
            List<String> contexts = contexts(owner, memories);
            List<String> passages = new ArrayList<>(memories.size());
            for (int i = 0; i < memories.size(); i++) {
                passages.add(EmbeddingService.passage(memories.get(i).text(), contexts.get(i)));
            }
            List<MemoryView> saved =
                    insert(owner, memories, contexts, null, embeddings.embedAll(passages), waitUntilSearchable);
            if (extraction.enabled()) {
                extractFrom(owner, saved, waitUntilSearchable);
            }
            return saved;
        });
    }

    /**
     * Facts and preferences the messages among the saved memories state, each kept with the message as its source
     * and consolidated with what the user's memory already holds for its slot (Consolidation): a repeat becomes one
     * more source of the memory that holds, a different statement a new memory that supersedes the old one, which
     * keeps its history and gets a validTo. The fixed patterns (RuleExtractor) run here; a configured provider
     * (ModelExtractor) runs on the extraction thread, so the write does not wait for it.
     */
    private void extractFrom(Owner owner, List<MemoryView> saved, boolean waitUntilSearchable) {
        List<MemoryView> messages = saved.stream()
                // only what the user said; a memory drawn from messages is not mined again
                .filter(m -> m.kind() == MemoryKind.MESSAGE && m.provenance() == null)
                .toList();
        if (messages.isEmpty()) {
            return;
        }
        if (extraction.provider().isPresent() && handedToModel(owner, messages)) {
            return;
        }
        for (MemoryView message : messages) {
            consolidate(owner, message, byRules(message), waitUntilSearchable);
        }
    }

    /** Queues the messages for the extraction thread; false when its queue is full (the patterns read them then). */
    private boolean handedToModel(Owner owner, List<MemoryView> messages) {
        try {
            extractionThread.execute(() -> {
                for (MemoryView message : messages) {
                    try {
                        consolidate(owner, message, byModel(owner, message), false);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Extraction from memory %s failed", message.id());
                    }
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            LOG.warnf("The extraction queue is full; %d messages are read by the patterns instead", messages.size());
            return false;
        }
    }

    private static ModelExtractor.Drawn byRules(MemoryView message) {
        return new ModelExtractor.Drawn(
                RuleExtractor.extract(message.text(), message.occurredAt()), "moat", RuleExtractor.NAME);
    }

    /**
     * The provider's statements (none, when it says the message states nothing); the patterns' when the call fails or
     * its answer is not the JSON asked for.
     */
    private ModelExtractor.Drawn byModel(Owner owner, MemoryView message) {
        try {
            ModelExtractor.Drawn drawn =
                    modelExtractor.extract(owner, extraction.provider().get(), message.text(), message.occurredAt());
            if (drawn.statements() != null) {
                return drawn;
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Extraction by %s failed (%s); the patterns read memory %s",
                    extraction.provider().get(), e.getMessage(), message.id());
        }
        return byRules(message);
    }

    private void consolidate(Owner owner, MemoryView message, ModelExtractor.Drawn drawn, boolean waitUntilSearchable) {
        for (RuleExtractor.Extracted e : drawn.statements()) {
            Optional<Memory> holder = store.currentInSlot(owner, e.slot());
            Consolidation.Action action = Consolidation.decide(e.text(), e.at(), holder);
            switch (action) {
                case MERGE -> store.addSource(owner, holder.get().id, message.id(), now())
                        .ifPresent(m -> reindex(m, waitUntilSearchable));
                case ADD, ADD_SUPERSEDING, ADD_SUPERSEDED -> {
                    NewMemory statement = new NewMemory(
                            e.text(),
                            e.kind(),
                            e.at(),
                            null,
                            null, // who drew it is in the provenance
                            new Provenance(List.of(message.id()), drawn.provider(), drawn.model()));
                    MemoryView added = insert(
                                    owner,
                                    List.of(statement),
                                    Collections.singletonList(null),
                                    List.of(e.slot()),
                                    embeddings.embedAll(List.of(e.text())),
                                    waitUntilSearchable)
                            .get(0);
                    if (action == Consolidation.Action.ADD_SUPERSEDING) {
                        store.supersede(owner, holder.get().id, e.at(), now())
                                .ifPresent(m -> reindex(m, waitUntilSearchable));
                    } else if (action == Consolidation.Action.ADD_SUPERSEDED) {
                        // said before what holds now (an import out of order): history, not the present
                        store.supersede(owner, added.id(), holder.get().occurredAt, now())
                                .ifPresent(m -> reindex(m, waitUntilSearchable));
                    }
                }
            }
        }
    }

    @PreDestroy
    void stopExtraction() {
        extractionThread.shutdownNow();
    }

    private void reindex(Memory m, boolean waitUntilSearchable) {
        applyToIndex(() -> index.upsert(List.of(IndexedMemory.of(m, null)), waitUntilSearchable));
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
                        m.sessionId(), s -> store.latestInSession(owner, s).orElse(null));
            }
            contexts.add(MemoryLimits.clipContext(context));
            if (m.sessionId() != null) {
                latest.put(m.sessionId(), m.text());
            }
        }
        return contexts;
    }

    /**
     * Commits the memories with their contexts, slots (null: none has one) and vectors in one transaction, then
     * indexes them.
     */
    private List<MemoryView> insert(
            Owner owner,
            List<NewMemory> memories,
            List<String> contexts,
            List<String> slots,
            List<float[]> vectors,
            boolean waitUntilSearchable) {
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
        List<Memory> saved = store.insert(owner, drafts, embeddings.modelName(), now);
        List<IndexedMemory> indexed = new ArrayList<>(saved.size());
        for (int i = 0; i < saved.size(); i++) {
            indexed.add(IndexedMemory.of(saved.get(i), vectors.get(i)));
        }
        applyToIndex(() -> index.upsert(indexed, waitUntilSearchable));
        return saved.stream().map(json::view).toList();
    }

    /** Brings memories committed by another feature (an import) into the index, searchable when this returns. */
    public void indexCommitted(List<Memory> committed) {
        if (!committed.isEmpty()) {
            applyToIndex(() -> index.upsert(
                    committed.stream().map(m -> IndexedMemory.of(m, null)).toList(), true));
        }
    }

    public Optional<MemoryView> get(Owner owner, String id) {
        return store.find(owner, id).map(json::view);
    }

    public MemoryPage list(Owner owner, int limit, String cursor) {
        PageCursor after = cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor);
        List<Memory> rows = store.page(owner, after, limit + 1);
        List<MemoryView> items = rows.stream().limit(limit).map(json::view).toList();
        String next = null;
        if (rows.size() > limit) {
            MemoryView last = items.get(items.size() - 1);
            next = new PageCursor(last.occurredAt(), last.id()).encode();
        }
        return new MemoryPage(items, next);
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
                                    store.find(owner, id).map(m -> m.context).orElse(null))))
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
                updated.ifPresent(m -> applyToIndex(() -> index.upsert(List.of(IndexedMemory.of(m, null)))));
                return updated.map(json::view);
            }
        });
    }

    public boolean delete(Owner owner, String id) {
        return timed("delete", () -> {
            synchronized (stripe(id)) {
                boolean deleted = store.delete(owner, id, now()).isPresent();
                if (deleted) {
                    applyToIndex(() -> index.delete(List.of(id)));
                }
                return deleted;
            }
        });
    }

    public Optional<MemoryHistory> history(Owner owner, String memoryId) {
        List<MemoryEvent> events = store.history(owner, memoryId);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MemoryHistory(
                memoryId,
                events.stream()
                        .map(e -> new MemoryHistory.Event(
                                e.id, e.type, e.at, json.fromSnapshot(e.before), json.fromSnapshot(e.after)))
                        .toList()));
    }

    public UserStats stats(Owner owner) {
        return store.stats(owner);
    }

    /** Deletes every memory, event and index entry of the user. Returns how many memories were deleted. */
    public long forget(Owner owner) {
        return timed("forget", () -> {
            return users.forget(owner, () -> {
                long deleted = store.forget(owner);
                applyToIndex(() -> index.deleteOwner(owner));
                LOG.infof("Forgot user %s of tenant %s: %d memories", owner.userId(), owner.tenantId(), deleted);
                return deleted;
            });
        });
    }

    /** The index follows the database; if it fails, the memory is safe and the repair brings the index back. */
    private void applyToIndex(Runnable change) {
        try {
            change.run();
        } catch (RuntimeException e) {
            LOG.error("The index missed a change the database committed; repairing it from the database", e);
            requestRepair.run();
        }
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
