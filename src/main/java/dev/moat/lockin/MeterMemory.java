package dev.moat.lockin;

import dev.moat.index.IndexedMemory;
import dev.moat.memory.MemoryKind;
import dev.moat.memory.TimeExpressions;
import dev.moat.user.Owner;
import java.time.Instant;
import java.util.List;

/**
 * A memory as the meter sees it: what it says and the turn it answered, when, in which session, drawn from which
 * messages, its vector.
 */
record MeterMemory(
        String id,
        String text,
        String context,
        MemoryKind kind,
        Instant occurredAt,
        String sessionId,
        List<String> sources,
        float[] vector) {

    boolean isMessage() {
        return kind == MemoryKind.MESSAGE;
    }

    IndexedMemory indexed(Owner owner) {
        return new IndexedMemory(
                id,
                owner,
                text,
                context,
                TimeExpressions.labels(text, occurredAt),
                kind.id(),
                occurredAt,
                0,
                1,
                vector);
    }
}
