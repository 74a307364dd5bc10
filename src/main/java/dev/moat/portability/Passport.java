package dev.moat.portability;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.moat.memory.MemoryKind;
import dev.moat.memory.Provenance;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user's whole memory as one portable document: format "moat-passport", version 1, described field by field in
 * docs/passport.schema.json and docs/PASSPORT.md. Embeddings are left out: they belong to an embedding model, and an
 * importer computes its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Passport(
        String format,
        int version,
        Instant exportedAt,
        User user,
        List<Session> sessions,
        List<PassportMemory> memories,
        List<Event> history) {

    public static final String FORMAT = "moat-passport";
    public static final int VERSION = 1;

    /** The user: id, when Moat first saw them, and their pinned provider if any. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record User(String id, Instant createdAt, String provider) {}

    /** A chat session with its transcript, oldest message first. */
    public record Session(String id, Instant createdAt, Instant updatedAt, List<Message> messages) {}

    /** One transcript message; memoryId names the memory a user message became. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String role, String text, Instant at, String provider, String model, String memoryId) {}

    /** A memory as it is now. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PassportMemory(
            String id,
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
            Instant validTo) {}

    /** One change of a memory, with the memory before and after it (absent for an add or a delete). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(
            String memoryId, String type, Instant at, Map<String, Object> before, Map<String, Object> after) {}
}
