package dev.moat.memory.indexing;

import dev.moat.embed.Vectors;
import dev.moat.index.IndexedMemory;
import dev.moat.memory.Memory;
import dev.moat.memory.TimeExpressions;

/** A memory row as the index takes it: its text, context, resolved dates, kind, version and vector. */
public final class IndexedMemories {

    private IndexedMemories() {}

    /**
     * The memory's index entry, with its stored embedding unless a fresher vector is given; without either (an import
     * whose vectors are still to come) it has none.
     */
    public static IndexedMemory of(Memory m, float[] vector) {
        float[] v = vector != null ? vector : m.embedding == null ? null : Vectors.fromBytes(m.embedding);
        return new IndexedMemory(
                m.id,
                m.owner(),
                m.text,
                m.context,
                TimeExpressions.labels(m.text, m.occurredAt),
                m.kind.id(),
                m.occurredAt,
                m.version,
                m.revision,
                v);
    }
}
