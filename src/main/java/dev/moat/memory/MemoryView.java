package dev.moat.memory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A memory as the API shows it. Context is the turn it answered; slot what an extracted fact is about; validTo when a
 * newer fact of the same slot superseded it.
 */
@JsonIgnoreProperties(value = "when", allowGetters = true)
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
        String context,
        String slot,
        Instant validTo) {

    /**
     * The dates the text's relative expressions name, resolved against occurredAt ("yesterday" said on 8 May 2023:
     * 7 May 2023), so that an answer can carry the date. Derived, never stored.
     */
    @JsonProperty("when")
    public List<TimeExpressions.Resolved> when() {
        return TimeExpressions.resolve(text, occurredAt);
    }
}
