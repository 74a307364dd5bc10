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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
        try {
            return pass(start);
        } catch (Unreadable e) {
            if (config.shared()) {
                throw e.failure; // out of reach, not unreadable: never clear a cluster's index for it
            }
            LOG.warn("The index cannot be read; rebuilding it from the database", e.failure);
        }
        index.deleteAll();
        try {
            return pass(start);
        } catch (Unreadable e) {
            throw e.failure;
        }
    }

    /** An index read that failed in the middle of a repair. */
    private static final class Unreadable extends RuntimeException {
        final IndexException failure;

        Unreadable(IndexException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    private static <T> T read(Supplier<T> read) {
        try {
            return read.get();
        } catch (IndexException e) {
            throw new Unreadable(e);
        }
    }

    /**
     * A page of the database's memories at a time, each page's versions looked up in the index and what is missing
     * or stale indexed at once; then, only when the index held more memories than it matched, its ids a page at a
     * time against the database, removing those the database no longer has. Neither side is ever held whole.
     */
    private RepairReport pass(long start) {
        long held = read(() -> index.status().memories());
        long memories = 0;
        long matched = 0;
        long indexed = 0;
        long reembedded = 0;
        long lastChange = 0;
        String after = "";
        for (List<RepairQueries.MemoryVersion> page = store.versionsAfter(after, PAGE);
                !page.isEmpty();
                page = store.versionsAfter(after, PAGE)) {
            List<String> ids =
                    page.stream().map(RepairQueries.MemoryVersion::id).toList();
            Map<String, Long> inIndex = read(() -> index.versionsOf(ids));
            List<String> stale = new ArrayList<>();
            for (RepairQueries.MemoryVersion row : page) {
                memories++;
                lastChange = Math.max(lastChange, row.version());
                Long version = inIndex.get(row.id());
                if (version != null) {
                    matched++;
                }
                // A vector of another model (moat.embedding.model changed) is as stale as an old version.
                boolean otherModel = !embeddings.modelName().equals(row.embeddingModel());
                if (!Objects.equals(version, row.version()) || otherModel) {
                    stale.add(row.id());
                }
            }
            after = page.get(page.size() - 1).id();
            reembedded += reindex(stale);
            indexed += stale.size();
            if (indexed > 10 * BATCH && !stale.isEmpty()) {
                LOG.infof("Index repair: %d memories checked, %d indexed", memories, indexed);
            }
        }
        long removed = held > matched ? removeLeftovers() : 0;
        index.commit(lastChange);
        return new RepairReport(memories, indexed, removed, reembedded, (System.nanoTime() - start) / 1_000_000);
    }

    /** Indexes the memories again from their rows, BATCH at a time; how many needed the current model's vector. */
    private long reindex(List<String> ids) {
        long reembedded = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Memory> rows = store.findAnyOwner(ids.subList(from, Math.min(ids.size(), from + BATCH)));
            reembedded += reembedOutdated(rows);
            index.upsert(rows.stream().map(m -> IndexedMemories.of(m, null)).toList());
        }
        return reembedded;
    }

    /** Removes from the index, a page of its ids at a time, the memories the database no longer has. */
    private long removeLeftovers() {
        long removed = 0;
        String after = "";
        while (true) {
            String from0 = after;
            List<String> ids = read(() -> index.idsAfter(from0, PAGE));
            if (ids.isEmpty()) {
                return removed;
            }
            after = ids.get(ids.size() - 1);
            Set<String> gone = new HashSet<>(ids);
            for (int from = 0; from < ids.size(); from += BATCH) {
                store.existingAmong(ids.subList(from, Math.min(ids.size(), from + BATCH)))
                        .forEach(gone::remove);
            }
            if (!gone.isEmpty()) {
                index.delete(gone);
                removed += gone.size();
            }
        }
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
