package dev.moat.memory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/**
 * A memory to add; kind defaults to message, occurredAt to now; provenance for memories drawn from messages. Context
 * is the turn the memory answered; when it is absent and a session is named, the session's latest memory is taken.
 */
public record NewMemory(
        @NotBlank @Size(max = MemoryLimits.MAX_TEXT_CHARS) String text,
        MemoryKind kind,
        Instant occurredAt,
        @Size(max = MemoryLimits.MAX_SESSION_ID_CHARS) String sessionId,
        Map<String, Object> metadata,
        @Valid Provenance provenance,
        @Size(max = MemoryLimits.MAX_TEXT_CHARS) String context) {

    public NewMemory(
            String text,
            MemoryKind kind,
            Instant occurredAt,
            String sessionId,
            Map<String, Object> metadata,
            Provenance provenance) {
        this(text, kind, occurredAt, sessionId, metadata, provenance, null);
    }

    public NewMemory(String text, MemoryKind kind, Instant occurredAt, String sessionId, Map<String, Object> metadata) {
        this(text, kind, occurredAt, sessionId, metadata, null, null);
    }

    public NewMemory(String text) {
        this(text, null, null, null, null, null, null);
    }
}
