package dev.moat.embed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Vectors by text, the most recently used kept up to a capacity; safe for concurrent use. */
public final class RecentVectors {

    private final Map<String, float[]> vectors;

    public RecentVectors(int capacity) {
        this.vectors = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The vector of the text, or null when it is not (or no longer) kept. */
    public float[] get(String text) {
        return vectors.get(text);
    }

    public void put(String text, float[] vector) {
        vectors.put(text, vector);
    }
}
