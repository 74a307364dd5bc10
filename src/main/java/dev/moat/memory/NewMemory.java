package dev.moat.memory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/** A memory to add; kind defaults to message, occurredAt to now; provenance for memories drawn from messages. */
public record NewMemory(
        @NotBlank @Size(max = MemoryLimits.MAX_TEXT_CHARS) String text,
        MemoryKind kind,
        Instant occurredAt,
        @Size(max = MemoryLimits.MAX_SESSION_ID_CHARS) String sessionId,
        Map<String, Object> metadata,
        @Valid Provenance provenance) {

    public NewMemory(String text, MemoryKind kind, Instant occurredAt, String sessionId, Map<String, Object> metadata) {
        this(text, kind, occurredAt, sessionId, metadata, null);
    }

    public NewMemory(String text) {
        this(text, null, null, null, null, null);
    }
}
