package dev.moat.index;

/** A memory found by the index: fused score, and 1-based rank in each retriever (null where absent). */
public record IndexHit(String memoryId, double score, Integer bm25Rank, Integer vectorRank) {}
