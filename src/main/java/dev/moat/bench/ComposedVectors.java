package dev.moat.bench;

import dev.moat.embed.EmbeddingService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Vectors for synthetic sentences without running the model on each: the model's vectors of the sentence's phrases,
 * summed, with a little Gaussian noise so no two sentences share a vector, scaled to unit length. Sentences that
 * share phrases lie close together, as they do under the model, so the vector index sees a realistic layout at a
 * fraction of the cost (a million sentences through MiniLM take over twenty minutes on two cores).
 */
final class ComposedVectors {

    /** Per-dimension noise; a unit phrase vector has ~0.05 per dimension, and a sentence sums five. */
    private static final double NOISE = 0.02;

    private final EmbeddingService embeddings;
    private final Map<String, float[]> phrases = new HashMap<>();
    private final Random random;

    ComposedVectors(EmbeddingService embeddings, long seed) {
        this.embeddings = embeddings;
        this.random = new Random(seed);
    }

    float[] of(List<String> parts) {
        float[] sum = new float[embeddings.dimension()];
        for (String part : parts) {
            float[] v = phrases.computeIfAbsent(part, embeddings::embedQuery);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        double norm = 0;
        for (int i = 0; i < sum.length; i++) {
            sum[i] += (float) (random.nextGaussian() * NOISE);
            norm += sum[i] * sum[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < sum.length; i++) {
            sum[i] *= scale;
        }
        return sum;
    }
}
