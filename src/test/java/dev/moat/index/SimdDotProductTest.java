package dev.moat.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both SIMD loops, with and without fused multiply-add, give the dot product, at every length (tails included). */
class SimdDotProductTest {

    @Test
    void fusedAndUnfusedLoopsAgreeWithTheExactDotProduct() {
        Random random = new Random(7);
        for (int length : new int[] {1, 3, 16, 17, 33, 384, 385}) {
            float[] a = new float[length];
            float[] b = new float[length];
            double exact = 0;
            for (int i = 0; i < length; i++) {
                a[i] = random.nextFloat() * 2 - 1;
                b[i] = random.nextFloat() * 2 - 1;
                exact += (double) a[i] * b[i];
            }
            assertThat((double) SimdDotProduct.dotFma(a, b))
                    .as("fma, %d", length)
                    .isCloseTo(exact, within(1e-4));
            assertThat((double) SimdDotProduct.dotMulAdd(a, b))
                    .as("mul+add, %d", length)
                    .isCloseTo(exact, within(1e-4));
        }
    }
}
