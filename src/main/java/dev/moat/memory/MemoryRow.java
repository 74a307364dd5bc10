package dev.moat.memory;

import java.time.Instant;

/**
 * A memory's columns without its embedding, as search reads them back (a projection: no entity, no dirty check).
 * Metadata and provenance are the stored JSON.
 */
public record MemoryRow(
        String id,
        String text,
        MemoryKind kind,
        Instant occurredAt,
        Instant createdAt,
        Instant updatedAt,
        String sessionId,
        String metadata,
        String provenance,
        String context,
        String slot,
        Instant validTo) {

    /** The text alone: what a new memory of a session takes as its context. */
    public record Text(String text) {}
}
