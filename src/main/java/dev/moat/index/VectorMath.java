package dev.moat.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * How the index compares vectors, for graph building (at every flush and merge) and for search. Lucene 9.12 uses
 * SIMD only on Java 20 to 22; on Java 17 its dot product is a scalar loop, the largest single share of a bulk
 * load's profile (41 % of all samples). With {@code --add-modules jdk.incubator.vector} on the java command line, memory
 * vectors (dot-product similarity) are compared with SimdDotProduct instead; without it, by Lucene's own code.
 * Scores are Lucene's DOT_PRODUCT scores, max((1 + a.b) / 2, 0), up to float rounding.
 */
final class VectorMath implements FlatVectorsScorer {

    private static final boolean SIMD =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** The scorer this JVM can run: SIMD when the module is there, Lucene's scalar one otherwise. */
    static final FlatVectorsScorer SCORER = SIMD ? new VectorMath() : DefaultFlatVectorScorer.INSTANCE;

    private VectorMath() {}

    static boolean simd() {
        return SIMD;
    }

    /** What compares vectors in this JVM, for the start-up log. */
    static String describe() {
        return SIMD
                ? "SIMD (jdk.incubator.vector, " + SimdDotProduct.describe() + ")"
                : "scalar (start java with --add-modules jdk.incubator.vector for SIMD)";
    }

    /** Compares two vectors both ways this class can (graph building and search): loads every class it needs. */
    static void loadAll() {
        try {
            RandomAccessVectorValues values = RandomAccessVectorValues.fromFloats(List.of(new float[] {1, 0}), 2);
            float a = SCORER.getRandomVectorScorerSupplier(VectorSimilarityFunction.DOT_PRODUCT, values)
                    .scorer(0)
                    .score(0);
            float b = SCORER.getRandomVectorScorer(VectorSimilarityFunction.DOT_PRODUCT, values, new float[] {1, 0})
                    .score(0);
            if (a != 1 || b != 1) {
                throw new IllegalStateException("a unit vector scores " + a + " and " + b + " against itself, not 1");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float dotProductScore(float[] a, float[] b) {
        return Math.max((1 + SimdDotProduct.dot(a, b)) / 2, 0);
    }

    @Override
    public RandomVectorScorerSupplier getRandomVectorScorerSupplier(
            VectorSimilarityFunction similarity, RandomAccessVectorValues values) throws IOException {
        if (similarity == VectorSimilarityFunction.DOT_PRODUCT && values instanceof RandomAccessVectorValues.Floats f) {
            return new DotProductSupplier(f);
        }
        return DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(similarity, values);
    }

    @Override
    public RandomVectorScorer getRandomVectorScorer(
            VectorSimilarityFunction similarity, RandomAccessVectorValues values, float[] target) throws IOException {
        if (similarity == VectorSimilarityFunction.DOT_PRODUCT && values instanceof RandomAccessVectorValues.Floats f) {
            checkDimension(target, values);
            return new DotProductScorer(f, target);
        }
        return DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(similarity, values, target);
    }

    @Override
    public RandomVectorScorer getRandomVectorScorer(
            VectorSimilarityFunction similarity, RandomAccessVectorValues values, byte[] target) throws IOException {
        return DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(similarity, values, target);
    }

    @Override
    public String toString() {
        return "VectorMath(" + describe() + ")";
    }

    private static void checkDimension(float[] target, RandomAccessVectorValues values) {
        if (target.length != values.dimension()) {
            throw new IllegalArgumentException("vector query dimension: " + target.length
                    + " differs from field dimension: " + values.dimension());
        }
    }

    /** Scores every vector against one target; the target is copied, since values reuse their read buffer. */
    private static final class DotProductScorer extends RandomVectorScorer.AbstractRandomVectorScorer {

        private final RandomAccessVectorValues.Floats values;
        private final float[] target;

        DotProductScorer(RandomAccessVectorValues.Floats values, float[] target) {
            super(values);
            this.values = values;
            this.target = target.clone();
        }

        @Override
        public float score(int node) throws IOException {
            return dotProductScore(target, values.vectorValue(node));
        }
    }

    /**
     * Scorers of one vector of a segment against the others, for graph building: targets are read from one copy of
     * the values, candidates from another, so neither read overwrites the other's buffer.
     */
    private static final class DotProductSupplier implements RandomVectorScorerSupplier {

        private final RandomAccessVectorValues.Floats values;
        private final RandomAccessVectorValues.Floats targets;
        private final RandomAccessVectorValues.Floats candidates;

        DotProductSupplier(RandomAccessVectorValues.Floats values) throws IOException {
            this.values = values;
            this.targets = values.copy();
            this.candidates = values.copy();
        }

        @Override
        public RandomVectorScorer scorer(int ord) throws IOException {
            return new DotProductScorer(candidates, targets.vectorValue(ord));
        }

        @Override
        public RandomVectorScorerSupplier copy() throws IOException {
            return new DotProductSupplier(values);
        }
    }
}
