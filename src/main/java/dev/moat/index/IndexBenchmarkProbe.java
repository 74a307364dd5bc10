package dev.moat.index;

/** The index as a benchmark sees it beside the service: the floor the service's search is compared with. */
public interface IndexBenchmarkProbe {

    /**
     * The Lucene queries a search runs (BM25 when withText, and kNN), without fusion or reading ids: the floor `bench
     * perf` compares the service with. Returns the hits found.
     */
    int searchLuceneOnly(IndexQuery q, boolean withText);

    /**
     * Waits until the background merges a burst of writes started have finished, so a benchmark times searches on a
     * settled index rather than against merge threads; writes go on meanwhile.
     */
    void awaitMerges();
}
