package dev.moat.memory;

import java.time.Instant;
import java.util.Map;

/** A memory as the API shows it. */
public record MemoryView(
        String id,
        String userId,
        String text,
        MemoryKind kind,
        Instant occurredAt,
        Instant createdAt,
        Instant updatedAt,
        String sessionId,
        Map<String, Object> metadata,
        Provenance provenance,
        String context) {}
