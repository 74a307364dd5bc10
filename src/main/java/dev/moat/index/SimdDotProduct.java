package dev.moat.index;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot product in the CPU's widest vector registers (Java 17's incubating Vector API): about four times
 * Lucene 9's scalar loop on Java 17 (docs/BENCHMARKS.md). Loaded only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}; VectorMath decides.
 */
final class SimdDotProduct {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private SimdDotProduct() {}

    static float dot(float[] a, float[] b) {
        int lanes = SPECIES.length();
        int i = 0;
        // Two accumulators, so one fused multiply-add need not wait for the one before it.
        FloatVector sum1 = FloatVector.zero(SPECIES);
        FloatVector sum2 = FloatVector.zero(SPECIES);
        for (int end = a.length - 2 * lanes; i <= end; i += 2 * lanes) {
            sum1 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), sum1);
            sum2 = FloatVector.fromArray(SPECIES, a, i + lanes).fma(FloatVector.fromArray(SPECIES, b, i + lanes), sum2);
        }
        for (int end = a.length - lanes; i <= end; i += lanes) {
            sum1 = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), sum1);
        }
        float sum = sum1.add(sum2).reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            sum = Math.fma(a[i], b[i], sum);
        }
        return sum;
    }

    static String describe() {
        return SPECIES.vectorBitSize() + "-bit vectors";
    }
}
