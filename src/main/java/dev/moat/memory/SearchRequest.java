package dev.moat.memory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;

/**
 * A search of one user's memories: k hits (default 10), optionally only some kinds and a time range; asOf: what held
 * at that instant (memories after it absent, facts superseded by then left out, those superseded later counted as
 * valid); latestOnly: superseded facts left out.
 */
public record SearchRequest(
        @NotBlank @Size(max = MemoryLimits.MAX_QUERY_CHARS) String query,
        @Min(1) @Max(MemoryLimits.MAX_K) Integer k,
        Set<MemoryKind> kinds,
        Instant from,
        Instant to,
        Instant asOf,
        Boolean latestOnly) {

    public static final int DEFAULT_K = 10;

    public SearchRequest(String query, Integer k, Set<MemoryKind> kinds, Instant from, Instant to) {
        this(query, k, kinds, from, to, null, null);
    }

    public SearchRequest(String query, int k) {
        this(query, k, null, null, null);
    }

    /** True when superseded facts may have to be left out after the index ranked them. */
    boolean filtersSuperseded() {
        return asOf != null || Boolean.TRUE.equals(latestOnly);
    }

    /** Whether a memory counts for this search: not superseded (latestOnly), or not yet superseded at asOf. */
    boolean counts(MemoryView m) {
        if (m.validTo() == null) {
            return true;
        }
        if (Boolean.TRUE.equals(latestOnly)) {
            return false;
        }
        return asOf == null || m.validTo().isAfter(asOf);
    }

    /** The latest occurredAt a hit may have: to, or asOf when that is earlier. */
    Instant until() {
        if (asOf == null) {
            return to;
        }
        return to == null || asOf.isBefore(to) ? asOf : to;
    }

    public int kOrDefault() {
        return k == null ? DEFAULT_K : k;
    }
}
