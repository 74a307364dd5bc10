package dev.moat.memory.indexing;

import dev.moat.embed.EmbeddingService;
import dev.moat.embed.Vectors;
import dev.moat.index.IndexConfig;
import dev.moat.index.IndexException;
import dev.moat.index.MemoryIndex;
import dev.moat.memory.Memory;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Makes the index match the database: at start-up (an index missing, behind or corrupt, or vectors of another
 * embedding model), when a write could not reach the index, and on demand (POST /v1/admin/reindex). Compares every
 * memory's version in both, then indexes what is missing or stale, re-embedding what another model embedded, and
 * removes what the database no longer has.
 */
@ApplicationScoped
public class IndexRepairService {

    private static final Logger LOG = Logger.getLogger(IndexRepairService.class);
    private static final int PAGE = 10_000;
    private static final int BATCH = 500;

    private final MemoryIndex index;
    private final RepairQueries store;
    private final EmbeddingService embeddings;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "moat-index-repair");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean repairQueued = new AtomicBoolean();
    private volatile boolean ready;
    private volatile boolean uncheckedSinceStart;

    private final IndexConfig config;

    public IndexRepairService(MemoryIndex index, RepairQueries store, EmbeddingService embeddings, IndexConfig config) {
        this.config = config;
        this.index = index;
        this.store = store;
        this.embeddings = embeddings;
    }

    /** What a repair did. */
    public record RepairReport(long memories, long indexed, long removed, long reembedded, long tookMs) {}

    void onStart(@Observes StartupEvent event) {
        boolean empty;
        RepairReport r;
        try {
            empty = index.startedEmpty();
            r = reconcile();
        } catch (IndexException e) {
            if (!config.shared()) {
                throw e;
            }
            // OpenSearch is down: start anyway, not ready; writes wait in the outbox, the drainer checks again.
            LOG.warnf("The shared index is unreachable at start-up (%s); checking it once it answers", e.getMessage());
            uncheckedSinceStart = true;
            return;
        }
        LOG.infof(
                "Index %s: %d memories in the database; %d indexed, %d removed, %d re-embedded in %d ms",
                empty ? "rebuilt from the database (it was missing or unreadable)" : "checked against the database",
                r.memories(),
                r.indexed(),
                r.removed(),
                r.reembedded(),
                r.tookMs());
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    /** True when the start-up check could not reach the index and no repair has run since. */
    public boolean uncheckedSinceStart() {
        return uncheckedSinceStart;
    }

    /** True once the index matches the database and no rebuild is running. */
    public boolean isReady() {
        return ready;
    }

    /** Brings the index back in line soon, on a background thread; repeated requests are merged into one. */
    public void requestRepair() {
        if (repairQueued.compareAndSet(false, true)) {
            background.submit(() -> {
                repairQueued.set(false);
                try {
                    RepairReport r = reconcile();
                    LOG.infof("Index repaired: %d indexed, %d removed", r.indexed(), r.removed());
                } catch (RuntimeException e) {
                    LOG.error("Index repair failed; it runs again at the next start or POST /v1/admin/reindex", e);
                }
            });
        }
    }

    /**
     * A read or write of the index failed. The embedded index may be damaged: it is repaired. A shared index is only
     * out of reach: the outbox holds the writes, and wiping or rebuilding it because of an outage would do harm.
     */
    public void onIndexFailure() {
        if (!config.shared()) {
            requestRepair();
        }
    }

    /** Indexes what the database has and the index lacks or holds stale; removes what the database no longer has. */
    public RepairReport reconcile() {
        return repair(false);
    }

    /** Drops the index and builds it again from every memory in the database. */
    public RepairReport rebuild() {
        RepairReport r = repair(true);
        LOG.infof("Index rebuilt on demand: %d memories in %d ms", r.memories(), r.tookMs());
        return r;
    }

    private RepairReport repair(boolean fromScratch) {
        return index.exclusive(() -> {
            ready = false;
            try {
                RepairReport report = compareAndFix(fromScratch);
                uncheckedSinceStart = false;
                return report;
            } finally {
                ready = true;
            }
        });
    }

    private RepairReport compareAndFix(boolean fromScratch) {
        long start = System.nanoTime();
        if (fromScratch) {
            index.deleteAll();
        }
        Map<String, Long> inIndex;
        try {
            inIndex = index.versions();
        } catch (IndexException e) {
            if (config.shared()) {
                throw e; // out of reach, not unreadable: never clear a cluster's index for it
            }
            LOG.warn("The index cannot be read; rebuilding it from the database", e);
            index.deleteAll();
            inIndex = index.versions();
        }
        List<String> stale = new ArrayList<>();
        long memories = 0;
        long lastChange = 0;
        String after = "";
        for (List<RepairQueries.MemoryVersion> page = store.versionsAfter(after, PAGE);
                !page.isEmpty();
                page = store.versionsAfter(after, PAGE)) {
            for (RepairQueries.MemoryVersion row : page) {
                String id = row.id();
                long version = row.version();
                memories++;
                lastChange = Math.max(lastChange, version);
                // A vector of another model (moat.embedding.model changed) is as stale as an old version.
                boolean otherModel = !embeddings.modelName().equals(row.embeddingModel());
                if (!Objects.equals(inIndex.remove(id), version) || otherModel) {
                    stale.add(id);
                }
                after = id;
            }
        }
        index.delete(inIndex.keySet());
        long reembedded = 0;
        for (int from = 0; from < stale.size(); from += BATCH) {
            List<Memory> rows = store.findAnyOwner(stale.subList(from, Math.min(stale.size(), from + BATCH)));
            reembedded += reembedOutdated(rows);
            index.upsert(rows.stream().map(m -> IndexedMemories.of(m, null)).toList());
            if (stale.size() > 10 * BATCH && (from / BATCH) % 20 == 0) {
                LOG.infof("Index repair: %d of %d memories indexed", from + rows.size(), stale.size());
            }
        }
        index.commit(lastChange);
        return new RepairReport(
                memories, stale.size(), inIndex.size(), reembedded, (System.nanoTime() - start) / 1_000_000);
    }

    /** Rows embedded by another model (or never) get the current model's vector, stored back in the database. */
    private long reembedOutdated(List<Memory> rows) {
        List<Memory> outdated = rows.stream()
                .filter(m -> m.embedding == null || !embeddings.modelName().equals(m.embeddingModel))
                .toList();
        if (outdated.isEmpty()) {
            return 0;
        }
        List<float[]> vectors = embeddings.embedAll(outdated.stream()
                .map(m -> EmbeddingService.passage(m.text, m.context))
                .toList());
        for (int i = 0; i < outdated.size(); i++) {
            Memory m = outdated.get(i);
            m.embedding = Vectors.toBytes(vectors.get(i));
            m.embeddingModel = embeddings.modelName();
            store.storeEmbedding(m.id, m.embedding, m.embeddingModel);
        }
        return outdated.size();
    }
}
