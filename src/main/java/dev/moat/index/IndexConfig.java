package dev.moat.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The Lucene index and hybrid ranking. */
@ConfigMapping(prefix = "moat.index")
public interface IndexConfig {

    /** Where the index lives (docs/SCALING.md). */
    enum Backend {
        /** Lucene in this process's data folder: one instance per database. */
        EMBEDDED,
        /** An OpenSearch cluster (moat.opensearch.*), shared by any number of instances. */
        OPENSEARCH
    }

    /** embedded (default) or opensearch. */
    @WithDefault("embedded")
    Backend backend();

    /**
     * How often every instance applies what a shared index has not taken yet (the outbox: writers whose index call
     * failed, or who died before making it).
     */
    @WithDefault("1s")
    Duration outboxInterval();

    /** True when this instance may be one of several on its database (the index is shared, not in-process). */
    default boolean shared() {
        return backend() == Backend.OPENSEARCH;
    }

    /** How often changes are committed to disk; the database holds them meanwhile, so a crash loses nothing. */
    @WithDefault("5s")
    Duration commitInterval();

    /** How often the index gauges (moat_index_memories, moat_index_lag_changes) are read. */
    @WithDefault("5s")
    Duration metricsRefresh();

    /** Longest time a change waits to become searchable when its writer does not wait for it. */
    @WithDefault("100ms")
    Duration refreshInterval();

    /**
     * Candidates each retriever (BM25, vectors) contributes to fusion, at least; k when k is larger. Recall on
     * LoCoMo is flat from 20 to 50 while vector search costs grow with it (docs/RETRIEVAL.md).
     */
    @WithDefault("30")
    int candidates();

    /**
     * The k of reciprocal rank fusion, 1/(rrfK + rank): larger flattens the difference between ranks. Per-user
     * corpora are small (hundreds to thousands of memories), where a strong first rank in one retriever should
     * count: docs/RETRIEVAL.md shows the effect.
     */
    @WithDefault("10")
    int rrfK();

    /**
     * Places at the end of a search's top k (k of 5 or more, no kinds named) that go to the best preferences and
     * standing instructions found among the next 2k candidates, when the top k holds fewer (memory/PreferenceSlots).
     */
    @WithDefault("0")
    int preferenceSlots();

    /** Weight of the BM25 ranking in fusion. */
    @WithDefault("1.0")
    double bm25Weight();

    /** Weight of the vector ranking in fusion. */
    @WithDefault("1.0")
    double vectorWeight();

    /**
     * Factor on the fused score of a candidate said by someone other than the question's subject, when the question
     * names a speaker of the candidates, speaks in the first person or of what "you" said, and is not a request for
     * a summary (index/SpeakerPrior); 1 ranks every speaker alike. In (0, 1].
     */
    @WithDefault("0.4")
    double otherSpeakerWeight();

    /**
     * Weight of a memory's context (the turn it answered) against its own text in BM25, 0 to leave the context out
     * of the lexical search; the vector always includes it (docs/RETRIEVAL.md).
     */
    @WithDefault("0.5")
    float contextWeight();

    /**
     * Weight in BM25 of the dates a memory's relative expressions name ("yesterday" said on 8 May 2023 is 7 May
     * 2023: memory/TimeExpressions), 0 to leave them out.
     */
    @WithDefault("1.0")
    float whenWeight();

    /** Neighbours per node of the vector graph (HNSW M); more: better recall, slower writes, a bigger index. */
    @WithDefault("16")
    int hnswM();

    /** Candidates considered when linking a new vector into the graph (HNSW beam width); more: slower writes. */
    @WithDefault("100")
    int hnswBeamWidth();

    /**
     * Threads that build a merged segment's vector graph together. Merging graphs is most of what indexing costs
     * (docs/BENCHMARKS.md); 1 builds each merged graph on the merge thread alone.
     */
    @WithDefault("2")
    int hnswMergeWorkers();

    /**
     * Threads that run the BM25 half of searches while the requests' threads embed the questions and search the
     * vectors. 0: each search runs on its request's thread alone. Under load, a request's thread runs its BM25
     * itself rather than wait for one (HybridSearch).
     */
    @WithDefault("2")
    int searchThreads();

    /**
     * Segments of about one size the index lets accumulate before merging them (Lucene's TieredMergePolicy
     * segmentsPerTier). Every search visits every segment: fewer make searches faster and bulk loads slower, as more
     * of the vector graph is rebuilt by merges (docs/BENCHMARKS.md).
     */
    @WithDefault("10")
    double segmentsPerTier();
}
