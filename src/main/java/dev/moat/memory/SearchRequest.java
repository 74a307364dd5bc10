package dev.moat.memory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;

/** A search of one user's memories: k hits (default 10), optionally only some kinds and a time range. */
public record SearchRequest(
        @NotBlank @Size(max = MemoryLimits.MAX_QUERY_CHARS) String query,
        @Min(1) @Max(MemoryLimits.MAX_K) Integer k,
        Set<MemoryKind> kinds,
        Instant from,
        Instant to) {

    public static final int DEFAULT_K = 10;

    public SearchRequest(String query, int k) {
        this(query, k, null, null, null);
    }

    public int kOrDefault() {
        return k == null ? DEFAULT_K : k;
    }
}
