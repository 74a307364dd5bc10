package dev.moat.memory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/** A memory to add; kind defaults to message, occurredAt to now. */
public record NewMemory(
        @NotBlank @Size(max = MemoryLimits.MAX_TEXT_CHARS) String text,
        MemoryKind kind,
        Instant occurredAt,
        @Size(max = MemoryLimits.MAX_SESSION_ID_CHARS) String sessionId,
        Map<String, Object> metadata) {

    public NewMemory(String text) {
        this(text, null, null, null, null);
    }
}
