package dev.moat.memory;

import java.time.Instant;

/** A user and the size of their memory: memories, and the time of the latest. */
public record UserSummary(String userId, long memories, Instant lastOccurredAt) {}
