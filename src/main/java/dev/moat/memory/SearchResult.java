package dev.moat.memory;

import java.util.List;

/** The hits of a search, best first, and how long it took. */
public record SearchResult(List<MemoryHit> hits, long tookMs) {

    /** A memory found, its fused score and its rank (1-based) in each retriever, null where it was not found. */
    public record MemoryHit(MemoryView memory, double score, Ranks ranks) {}

    /** Rank of a hit in the BM25 and in the vector results. */
    public record Ranks(Integer bm25, Integer vector) {}
}
