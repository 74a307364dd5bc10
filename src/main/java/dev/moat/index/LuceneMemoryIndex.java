package dev.moat.index;

import dev.moat.config.MoatConfig;
import dev.moat.user.Owner;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.jboss.logging.Logger;

/**
 * The embedded Lucene index: one IndexWriter and one near-real-time SearcherManager for the life of the process.
 * Writes are visible to search when they return; they reach disk on the commit interval and on shutdown, and the
 * database covers anything a crash loses in between (memory/indexing/IndexRepairService).
 */
@ApplicationScoped
@Typed(LuceneMemoryIndex.class)
public class LuceneMemoryIndex implements MemoryIndex {

    private static final Logger LOG = Logger.getLogger(LuceneMemoryIndex.class);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /**
     * Documents are added one thread at a time. Lucene gives each concurrent adding thread a segment of its own and
     * every refresh writes each one out, so sixteen chatting clients made sixteen tiny segments a refresh, each a
     * dozen new files: creating files, then merging them, cost more than the indexing itself.
     */
    private final ReentrantLock adding = new ReentrantLock();

    private final AtomicLong lastApplied = new AtomicLong();
    /** Per owner, the writer's generation of their latest change nobody waited for (see awaitPending). */
    private final Map<Owner, Long> pending = new ConcurrentHashMap<>();

    private final LuceneStore store;
    private final HybridSearch hybrid;
    private final Codec scratchCodec;
    private final ExecutorService searchPool;

    public LuceneMemoryIndex(MoatConfig moat, IndexConfig config) {
        this.searchPool =
                config.searchThreads() > 0 ? IndexThreads.daemonPool("moat-search-", config.searchThreads()) : null;
        this.store = LuceneStore.open(moat.dataDir().resolve("index"), new EnglishAnalyzer(), config);
        this.lastApplied.set(store.committedLastChange());
        this.hybrid = new HybridSearch(config);
        this.scratchCodec = MemoryCodec.of(config, 1); // a scratch index is written once and never merged
        LOG.infof("Vectors are compared by %s", VectorMath.describe());
    }

    @Override
    public boolean startedEmpty() {
        return store.startedEmpty();
    }

    @Override
    public void upsert(Collection<IndexedMemory> memories, boolean waitUntilSearchable) {
        if (memories.isEmpty()) {
            return;
        }
        write("indexing memories", waitUntilSearchable, () -> {
            long generation = 0;
            for (IndexedMemory m : memories) {
                var document = MemoryDocuments.toDocument(m);
                adding.lock();
                try {
                    generation = store.writer().updateDocument(MemoryDocuments.idTerm(m.id()), document);
                } finally {
                    adding.unlock();
                }
                lastApplied.accumulateAndGet(m.version(), Math::max);
                if (!waitUntilSearchable) {
                    pending.merge(m.owner(), generation, Math::max);
                }
            }
            return generation;
        });
    }

    @Override
    public void delete(Collection<String> memoryIds) {
        if (memoryIds.isEmpty()) {
            return;
        }
        Term[] terms = memoryIds.stream().map(MemoryDocuments::idTerm).toArray(Term[]::new);
        write("deleting memories", true, () -> store.writer().deleteDocuments(terms));
    }

    @Override
    public void deleteOwner(Owner owner) {
        write("forgetting a user", true, () -> store.writer().deleteDocuments(MemoryDocuments.ownerTerm(owner)));
    }

    @Override
    public void deleteAll() {
        write("clearing the index", true, () -> store.writer().deleteAll());
    }

    @Override
    public List<IndexHit> search(IndexQuery q) {
        awaitPending(q.owner());
        return read("searching", searcher -> hybrid.search(searcher, q, searchPool));
    }

    /**
     * Read your own writes: a search waits for the owner's changes that were not waited for (chat messages) to become
     * searchable, and for nobody else's. Usually they are already: the refresh runs every moat.index.refresh-interval.
     */
    private void awaitPending(Owner owner) {
        Long generation = pending.get(owner);
        if (generation == null) {
            return;
        }
        try {
            store.reopener().waitForGeneration(generation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("searching was interrupted", new java.io.InterruptedIOException());
        }
        pending.remove(owner, generation);
    }

    /** The writer's store, for the benchmark probe beside this class. */
    LuceneStore store() {
        return store;
    }

    HybridSearch hybrid() {
        return hybrid;
    }

    @Override
    public TransientIndex scratch(Collection<IndexedMemory> memories) {
        return new TransientIndex(memories, hybrid, scratchCodec);
    }

    @Override
    public Map<String, Long> versionsOf(Collection<String> memoryIds) {
        return read("reading versions", searcher -> {
            Map<String, Long> versions = new HashMap<>();
            // An id is live in one segment at most: the largest are searched first, and an id found is not sought
            // in the others.
            List<LeafReaderContext> leaves =
                    new ArrayList<>(searcher.getIndexReader().leaves());
            leaves.sort(
                    (x, y) -> Integer.compare(y.reader().maxDoc(), x.reader().maxDoc()));
            Set<String> sought = new LinkedHashSet<>(memoryIds);
            for (LeafReaderContext leaf : leaves) {
                Terms terms = leaf.reader().terms(MemoryDocuments.ID);
                if (terms == null || sought.isEmpty()) {
                    continue;
                }
                TermsEnum ids = terms.iterator();
                Bits live = leaf.reader().getLiveDocs();
                // the live document of each id found here, then their versions read in document order (doc
                // values go forward only)
                TreeMap<Integer, String> found = new TreeMap<>();
                PostingsEnum docs = null;
                for (String id : sought) {
                    if (!ids.seekExact(new BytesRef(id))) {
                        continue;
                    }
                    docs = ids.postings(docs, PostingsEnum.NONE);
                    int doc = firstLive(docs, live);
                    if (doc != DocIdSetIterator.NO_MORE_DOCS) {
                        found.put(doc, id);
                    }
                }
                NumericDocValues vs = DocValues.getNumeric(leaf.reader(), MemoryDocuments.VERSION);
                for (Map.Entry<Integer, String> e : found.entrySet()) {
                    versions.put(e.getValue(), vs.advanceExact(e.getKey()) ? vs.longValue() : -1);
                    sought.remove(e.getValue());
                }
            }
            return versions;
        });
    }

    @Override
    public List<String> idsAfter(String afterId, int limit) {
        return read("reading ids", searcher -> {
            IndexReader reader = searcher.getIndexReader();
            Terms terms = MultiTerms.getTerms(reader, MemoryDocuments.ID);
            List<String> ids = new ArrayList<>();
            if (terms == null) {
                return ids;
            }
            Bits live = MultiBits.getLiveDocs(reader);
            TermsEnum all = terms.iterator();
            BytesRef after = new BytesRef(afterId);
            TermsEnum.SeekStatus at = all.seekCeil(after);
            if (at == TermsEnum.SeekStatus.END) {
                return ids;
            }
            PostingsEnum docs = null;
            for (BytesRef id = at == TermsEnum.SeekStatus.FOUND ? all.next() : all.term();
                    id != null && ids.size() < limit;
                    id = all.next()) {
                // a deleted document's id stays a term until its segment merges
                docs = all.postings(docs, PostingsEnum.NONE);
                if (firstLive(docs, live) != DocIdSetIterator.NO_MORE_DOCS) {
                    ids.add(id.utf8ToString());
                }
            }
            return ids;
        });
    }

    /** The first of a term's documents that is not deleted, or NO_MORE_DOCS. */
    private static int firstLive(PostingsEnum docs, Bits live) throws IOException {
        int doc = docs.nextDoc();
        while (doc != DocIdSetIterator.NO_MORE_DOCS && live != null && !live.get(doc)) {
            doc = docs.nextDoc();
        }
        return doc;
    }

    @Override
    public IndexStatus status() {
        return read(
                "reading status",
                s -> new IndexStatus(
                        s.getIndexReader().numDocs(),
                        lastApplied.get(),
                        s.getIndexReader().leaves().size(),
                        VectorMath.simd() ? "simd" : "scalar"));
    }

    @Override
    public void commit(long lastChange) {
        lastApplied.accumulateAndGet(lastChange, Math::max);
        write("committing", false, () -> store.commit(lastApplied.get()));
    }

    @Scheduled(
            every = "${moat.index.commit-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = EmbeddedIndexRunning.class)
    void commitPending() {
        long searchable = store.reopener().getSearchingGen();
        pending.values().removeIf(generation -> generation <= searchable);
        if (store.writer().hasUncommittedChanges()) {
            write("committing", false, () -> store.commit(lastApplied.get()));
        }
    }

    @Override
    public <T> T exclusive(Callable<T> work) {
        return ExclusiveWork.run(lock, work);
    }

    @PreDestroy
    void close() {
        lock.writeLock().lock();
        try {
            store.close(lastApplied.get());
        } catch (IOException e) {
            LOG.error("Closing the index failed; it will be repaired from the database at the next start", e);
        } finally {
            lock.writeLock().unlock();
            if (searchPool != null) {
                searchPool.shutdown();
            }
        }
    }

    /** An action on the writer; returns the writer's sequence number of the change. */
    private interface WriteAction {
        long run() throws IOException;
    }

    /** A read with an acquired searcher. */
    interface ReadAction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /**
     * Applies a change under the shared lock. The reopen thread makes changes searchable within the refresh
     * interval; a caller that needs its change searchable on return waits for it, and concurrent waiters share one
     * refresh.
     */
    private void write(String what, boolean waitUntilSearchable, WriteAction action) {
        Lock read = lock.readLock();
        read.lock();
        try {
            long generation = action.run();
            if (waitUntilSearchable) {
                store.reopener().waitForGeneration(generation);
            }
        } catch (IOException e) {
            throw new IndexException(what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException(what + " was interrupted", new java.io.InterruptedIOException());
        } finally {
            read.unlock();
        }
    }

    <T> T read(String what, ReadAction<T> action) {
        Lock read = lock.readLock();
        read.lock();
        try {
            SearcherManager manager = store.searchers();
            IndexSearcher searcher = manager.acquire();
            try {
                return action.apply(searcher);
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new IndexException(what + " failed: " + e.getMessage(), e);
        } finally {
            read.unlock();
        }
    }
}
