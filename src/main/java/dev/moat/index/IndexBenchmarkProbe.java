package dev.moat.index;

import java.util.List;

/** The index as a benchmark sees it beside the service: the floor the service's search is compared with. */
public interface IndexBenchmarkProbe {

    /**
     * What the engine's own queries found, and the milliseconds the engine itself reports spending on them (OpenSearch's
     * {@code took}, summed over the queries); -1 when the engine reports none, as Lucene in-process, whose time is the
     * call's own.
     */
    record EngineRun(int hits, long tookMillis) {}

    /**
     * The engine's queries a search runs (BM25 when withText, and kNN), without fusion or reading ids: the floor `bench
     * perf` compares the service with.
     */
    EngineRun searchEngineOnly(IndexQuery q, boolean withText);

    /**
     * Waits until the background merges a burst of writes started have finished, so a benchmark times searches on a
     * settled index rather than against merge threads; writes go on meanwhile.
     */
    void awaitMerges();

    /**
     * Nanoseconds to write the memories into a fresh index of the same settings and documents, in batches: adds, not
     * updates, nothing searchable until one commit at the end, then its merges waited for. The bare floor `bench
     * ingest` compares the service's write path with; only the embedded index has one.
     */
    default long bareIndex(List<IndexedMemory> memories, int batch) {
        throw new UnsupportedOperationException("the bare index baseline is measured on the embedded index only");
    }
}
