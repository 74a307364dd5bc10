package dev.moat.lockin;

import dev.moat.embed.RecentVectors;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Vectors the meter computed for a destination's model, by model and passage, the most recent kept: the experiment
 * runner measures after every session, and without them a re-embedding destination would embed the whole history
 * again each time. 20,000 vectors of 384 floats take about 30 MB.
 */
@ApplicationScoped
public class PassageVectors {

    static final int CAPACITY = 20_000;

    private final RecentVectors vectors = new RecentVectors(CAPACITY);

    float[] get(String model, String passage) {
        return vectors.get(key(model, passage));
    }

    void put(String model, String passage, float[] vector) {
        vectors.put(key(model, passage), vector);
    }

    private static String key(String model, String passage) {
        return model + '\u0000' + passage;
    }
}
