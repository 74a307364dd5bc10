package dev.moat.memory;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/** Fields to change on a memory; an absent or null field stays as it is. */
public record MemoryPatch(
        @Size(max = MemoryLimits.MAX_TEXT_CHARS) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
                String text,
        MemoryKind kind,
        Instant occurredAt,
        @Size(max = MemoryLimits.MAX_SESSION_ID_CHARS) String sessionId,
        Map<String, Object> metadata) {

    boolean isEmpty() {
        return text == null && kind == null && occurredAt == null && sessionId == null && metadata == null;
    }
}
