package dev.moat.memory;

import java.time.Instant;
import java.util.Map;

/** How much a user's memory holds: counts by kind and the span of occurredAt. */
public record UserStats(
        String userId, long total, Map<String, Long> byKind, Instant firstOccurredAt, Instant lastOccurredAt) {}
