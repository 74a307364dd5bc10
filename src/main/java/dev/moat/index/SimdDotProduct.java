package dev.moat.index;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
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

    /**
     * Whether fused multiply-add is one CPU instruction here: HotSpot's UseFMA, which it turns on only for CPUs that
     * have one. Without it {@code FloatVector.fma} falls back to a very slow path (as Lucene warns), so the loop
     * multiplies and adds instead. {@code -Dmoat.vector.fma=true|false} overrides the guess.
     */
    static final boolean FAST_FMA = fastFma();

    private SimdDotProduct() {}

    static float dot(float[] a, float[] b) {
        return FAST_FMA ? dotFma(a, b) : dotMulAdd(a, b);
    }

    @SuppressForbidden("called only when FAST_FMA says the CPU fuses multiply-add")
    static float dotFma(float[] a, float[] b) {
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
        return tail(a, b, i, sum1.add(sum2).reduceLanes(VectorOperators.ADD));
    }

    static float dotMulAdd(float[] a, float[] b) {
        int lanes = SPECIES.length();
        int i = 0;
        FloatVector sum1 = FloatVector.zero(SPECIES);
        FloatVector sum2 = FloatVector.zero(SPECIES);
        for (int end = a.length - 2 * lanes; i <= end; i += 2 * lanes) {
            sum1 = FloatVector.fromArray(SPECIES, a, i)
                    .mul(FloatVector.fromArray(SPECIES, b, i))
                    .add(sum1);
            sum2 = FloatVector.fromArray(SPECIES, a, i + lanes)
                    .mul(FloatVector.fromArray(SPECIES, b, i + lanes))
                    .add(sum2);
        }
        for (int end = a.length - lanes; i <= end; i += lanes) {
            sum1 = FloatVector.fromArray(SPECIES, a, i)
                    .mul(FloatVector.fromArray(SPECIES, b, i))
                    .add(sum1);
        }
        return tail(a, b, i, sum1.add(sum2).reduceLanes(VectorOperators.ADD));
    }

    /** The elements past the last whole vector, one by one (none for 384 dimensions). */
    private static float tail(float[] a, float[] b, int from, float sum) {
        for (int i = from; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static boolean fastFma() {
        String forced = System.getProperty("moat.vector.fma");
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("UseFMA")
                    .getValue());
        } catch (RuntimeException e) {
            return false; // not HotSpot, or no such option: assume no fast FMA
        }
    }

    static String describe() {
        return SPECIES.vectorBitSize() + "-bit vectors, " + (FAST_FMA ? "fused multiply-add" : "multiply, then add");
    }
}
