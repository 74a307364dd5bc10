package dev.moat.lockin;

import dev.moat.index.IndexedMemory;
import dev.moat.memory.MemoryKind;
import dev.moat.memory.Owner;
import java.time.Instant;
import java.util.List;

/** A memory as the meter sees it: what it says, when, in which session, drawn from which messages, its vector. */
record MeterMemory(
        String id,
        String text,
        MemoryKind kind,
        Instant occurredAt,
        String sessionId,
        List<String> sources,
        float[] vector) {

    boolean isMessage() {
        return kind == MemoryKind.MESSAGE;
    }

    IndexedMemory indexed(Owner owner) {
        return new IndexedMemory(id, owner, text, kind, occurredAt, 0, vector);
    }
}
