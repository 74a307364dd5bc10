package dev.moat.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntFunction;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * The retrieval itself, over any searcher of memory documents: BM25 over the analyzed text and kNN over the vectors,
 * both filtered to the owner (and kinds, time range), fused by weighted reciprocal rank. The live index and the
 * meter's scratch indexes search through this one class, so a simulation ranks exactly as the service does.
 */
final class HybridSearch {

    private final TextQueries textQueries = new TextQueries(new EnglishAnalyzer());
    private final RankFusion fusion;
    private final SpeakerPrior prior;
    private final int candidates;
    private final Map<String, Float> fieldWeights = new LinkedHashMap<>();

    HybridSearch(IndexConfig config) {
        this.fusion = new RankFusion(config.rrfK(), config.bm25Weight(), config.vectorWeight());
        this.prior = new SpeakerPrior(config.otherSpeakerWeight());
        this.candidates = config.candidates();
        fieldWeights.put(MemoryDocuments.TEXT, 1f);
        fieldWeights.put(MemoryDocuments.CONTEXT, config.contextWeight());
        fieldWeights.put(MemoryDocuments.WHEN, config.whenWeight());
    }

    /** Candidates each retriever contributes for a query of k hits. */
    int candidates(int k) {
        return Math.max(candidates, k);
    }

    /** The fields BM25 searches, with their weights. */
    Map<String, Float> fieldWeights() {
        return fieldWeights;
    }

    /** The query text's analyzed terms, as the BM25 half searches them. */
    Set<String> terms(String text) {
        return textQueries.terms(text, fieldWeights);
    }

    /**
     * The best k of both candidate lists: fused, then the question's subjects preferred (SpeakerPrior) over the whole
     * pool; speakerOf gives a document's speaker. Every backend ranks through this.
     */
    List<RankFusion.Fused> rank(String question, int[] bm25, int[] vector, IntFunction<String> speakerOf, int k) {
        if (prior.off()) {
            return fusion.fuse(bm25, vector, k);
        }
        return prior.apply(question, fusion.fuse(bm25, vector, Integer.MAX_VALUE), speakerOf, k);
    }

    List<IndexHit> search(IndexSearcher searcher, IndexQuery q) throws IOException {
        return search(searcher, q, null);
    }

    /**
     * The search, with BM25 handed to parallel (when given) so that it runs while this thread computes the query's
     * vector and searches the vectors. When no thread of parallel has taken it by then, this thread runs it itself:
     * under load the search degrades to running in sequence, never to waiting for a queue.
     */
    List<IndexHit> search(IndexSearcher searcher, IndexQuery q, Executor parallel) throws IOException {
        int n = Math.max(candidates, q.k());
        Query filter = MemoryDocuments.filter(q);
        Query text = bm25Query(q, filter);
        FutureTask<TopDocs> lexical = text == null ? null : new FutureTask<>(() -> searcher.search(text, n));
        if (lexical != null && parallel != null) {
            try {
                parallel.execute(lexical);
            } catch (RejectedExecutionException e) {
                // the pool is shutting down: this thread runs it below
            }
        }
        int[] vector;
        try {
            vector = docs(searcher.search(knnQuery(q, n, filter), n).scoreDocs);
        } catch (IOException | RuntimeException | Error e) {
            // The searcher is released when this returns: BM25 must not be running on it then. (Cancelling would
            // not do: a cancelled FutureTask answers at once, even while its search still runs.)
            if (lexical != null) {
                lexical.run();
                awaitQuietly(lexical);
            }
            throw e;
        }
        int[] bm25 = new int[0];
        if (lexical != null) {
            lexical.run(); // a no-op when a pool thread has run it or is running it
            bm25 = docs(result(lexical).scoreDocs);
        }
        List<IndexHit> hits = new ArrayList<>();
        for (RankFusion.Fused f : rank(q.text(), bm25, vector, doc -> speaker(searcher, doc), q.k())) {
            hits.add(new IndexHit(memoryId(searcher, f.doc()), f.score(), f.bm25Rank(), f.vectorRank()));
        }
        return hits;
    }

    private static void awaitQuietly(FutureTask<TopDocs> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the search failed already; this only waits for it to stop
        }
    }

    /** The task's result; waits for it, and rethrows what it threw. */
    private static TopDocs result(FutureTask<TopDocs> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while searching", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * The Lucene queries {@link #search} runs, alone: the same candidates of BM25 (when withText) and kNN, without
     * fusion or reading the memory ids. The floor `bench perf` compares the service with. Returns the hits found.
     */
    int luceneOnly(IndexSearcher searcher, IndexQuery q, boolean withText) throws IOException {
        int n = Math.max(candidates, q.k());
        Query filter = MemoryDocuments.filter(q);
        Query text = withText ? bm25Query(q, filter) : null;
        int found = text == null ? 0 : searcher.search(text, n).scoreDocs.length;
        return found + searcher.search(knnQuery(q, n, filter), n).scoreDocs.length;
    }

    /**
     * BM25 over the analyzed text, and the context and resolved dates at their weights, within the filter; null when
     * the text has no searchable term.
     */
    private Query bm25Query(IndexQuery q, Query filter) {
        Query text = textQueries.build(q.text(), fieldWeights);
        return text == null
                ? null
                : new BooleanQuery.Builder()
                        .add(text, Occur.MUST)
                        .add(filter, Occur.FILTER)
                        .build();
    }

    private static Query knnQuery(IndexQuery q, int n, Query filter) {
        return new KnnFloatVectorQuery(MemoryDocuments.VECTOR, q.vector().get(), n, filter);
    }

    private static String memoryId(IndexSearcher searcher, int doc) throws IOException {
        String id = keyword(searcher, doc, MemoryDocuments.ID);
        if (id == null) {
            throw new IOException("document " + doc + " has no memory id");
        }
        return id;
    }

    /** The document's speaker; a document without one (the user's words, or indexed before speakers) is the user's. */
    private static String speaker(IndexSearcher searcher, int doc) {
        try {
            String speaker = keyword(searcher, doc, MemoryDocuments.SPEAKER);
            return speaker == null ? Speakers.USER : speaker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sorted doc-values field of a document, null when it has none. */
    private static String keyword(IndexSearcher searcher, int doc, String field) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedDocValues values = DocValues.getSorted(leaf.reader(), field);
        return values.advanceExact(doc - leaf.docBase)
                ? values.lookupOrd(values.ordValue()).utf8ToString()
                : null;
    }

    private static int[] docs(ScoreDoc[] hits) {
        int[] docs = new int[hits.length];
        for (int i = 0; i < hits.length; i++) {
            docs[i] = hits[i].doc;
        }
        return docs;
    }
}
