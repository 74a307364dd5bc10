package dev.moat.index;

import dev.moat.embed.Vectors;
import dev.moat.memory.Memory;
import dev.moat.memory.MemoryKind;
import dev.moat.memory.Owner;
import java.time.Instant;
import java.util.Objects;

/**
 * What the index holds of a memory: enough to find it, filter it and know whether it is current. Context, the turn
 * the memory answered, may be null.
 */
public record IndexedMemory(
        String id,
        Owner owner,
        String text,
        String context,
        MemoryKind kind,
        Instant occurredAt,
        long version,
        float[] vector) {

    public IndexedMemory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(vector, "vector");
    }

    /** The memory's index entry, with its stored embedding unless a fresher vector is given. */
    public static IndexedMemory of(Memory m, float[] vector) {
        float[] v = vector != null ? vector : Vectors.fromBytes(m.embedding);
        return new IndexedMemory(m.id, m.owner(), m.text, m.context, m.kind, m.occurredAt, m.version, v);
    }
}
