package dev.moat.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weighted reciprocal rank fusion: a document scores the sum over retrievers of weight / (k + rank). Ranks rather
 * than raw scores, because BM25 and cosine scores live on unrelated scales.
 */
final class RankFusion {

    private final int k;
    private final double bm25Weight;
    private final double vectorWeight;

    RankFusion(int k, double bm25Weight, double vectorWeight) {
        if (k < 0) {
            throw new IllegalArgumentException("rrf k must be >= 0, got " + k);
        }
        if (bm25Weight < 0 || vectorWeight < 0) {
            throw new IllegalArgumentException(
                    "fusion weights must be >= 0, got bm25=" + bm25Weight + " vector=" + vectorWeight);
        }
        this.k = k;
        this.bm25Weight = bm25Weight;
        this.vectorWeight = vectorWeight;
    }

    /** A fused document: Lucene doc id, score and its 1-based rank in each list (null where absent). */
    record Fused(int doc, double score, Integer bm25Rank, Integer vectorRank) {}

    /**
     * Highest score first. Ties are common (a hit at rank r of one list against one at rank r of the other): they go
     * to the better vector rank, then the better BM25 rank, an order the two lists decide, so that a ranking does not
     * depend on the order memories were indexed in. Doc id last, for hits in neither list.
     */
    static final Comparator<Fused> BEST_FIRST = Comparator.comparingDouble(Fused::score)
            .reversed()
            .thenComparing(Fused::vectorRank, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Fused::bm25Rank, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(Fused::doc);

    /** The best {@code limit} documents of both rankings (each best first), best first (BEST_FIRST). */
    List<Fused> fuse(int[] bm25, int[] vector, int limit) {
        Map<Integer, Integer> bm25Ranks = ranks(bm25);
        Map<Integer, Integer> vectorRanks = ranks(vector);
        Set<Integer> all = new HashSet<>(bm25Ranks.keySet());
        all.addAll(vectorRanks.keySet());
        List<Fused> fused = new ArrayList<>(all.size());
        for (int doc : all) {
            Integer b = bm25Ranks.get(doc);
            Integer v = vectorRanks.get(doc);
            double score = (b == null ? 0 : bm25Weight / (k + b)) + (v == null ? 0 : vectorWeight / (k + v));
            fused.add(new Fused(doc, score, b, v));
        }
        fused.sort(BEST_FIRST);
        return fused.subList(0, Math.min(limit, fused.size()));
    }

    private static Map<Integer, Integer> ranks(int[] docs) {
        Map<Integer, Integer> ranks = new HashMap<>(docs.length * 2);
        for (int i = 0; i < docs.length; i++) {
            ranks.putIfAbsent(docs[i], i + 1);
        }
        return ranks;
    }
}
