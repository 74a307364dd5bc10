package dev.moat.index;

import dev.moat.user.Owner;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A hybrid search of one owner's memories; kinds (their ids) empty means every kind, from and to may be null. The
 * vector of the text may be given or computed on demand: the index asks for it after starting the BM25 half of the
 * search, so the two overlap (HybridSearch).
 */
public record IndexQuery(
        Owner owner, String text, Supplier<float[]> vector, int k, Set<String> kinds, Instant from, Instant to) {

    public IndexQuery {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vector, "vector");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
    }

    /** A query whose vector is already known. */
    public IndexQuery(Owner owner, String text, float[] vector, int k, Set<String> kinds, Instant from, Instant to) {
        this(owner, text, known(vector), k, kinds, from, to);
    }

    private static Supplier<float[]> known(float[] vector) {
        Objects.requireNonNull(vector, "vector");
        return () -> vector;
    }
}
