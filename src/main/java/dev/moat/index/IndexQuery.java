package dev.moat.index;

import dev.moat.memory.MemoryKind;
import dev.moat.memory.Owner;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** A hybrid search of one owner's memories; kinds empty means every kind, from and to may be null. */
public record IndexQuery(
        Owner owner, String text, float[] vector, int k, Set<MemoryKind> kinds, Instant from, Instant to) {

    public IndexQuery {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vector, "vector");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
    }
}
