package dev.moat.portability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.memory.MemoryKind;
import dev.moat.memory.MemoryLimits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What another service's export holds, gathered into a passport: each conversation a session, each user message a
 * memory of kind message, and the memories it kept apart from conversations (facts, notes). Ids derive from the
 * service's own ids, so importing the same export twice adds nothing the second time.
 */
final class Conversations {

    private final String service;
    private final List<Passport.Session> sessions = new ArrayList<>();
    private final List<Passport.PassportMemory> memories = new ArrayList<>();
    private final Set<String> memoryIds = new HashSet<>();

    Conversations(String service) {
        this.service = service;
    }

    /** A conversation's messages, in order; title may be null. */
    void add(String conversationId, String title, Instant createdAt, Instant updatedAt, List<Turn> turns) {
        String sessionId = id(conversationId);
        List<Passport.Message> messages = new ArrayList<>();
        Instant last = createdAt;
        String previous = null;
        for (Turn t : turns) {
            if (t.text().isBlank()) {
                continue;
            }
            Instant at = (t.at() != null ? t.at() : last).truncatedTo(ChronoUnit.MILLIS);
            last = at;
            String memoryId = null;
            if (t.fromUser()) {
                memoryId = id(t.messageId());
            }
            // the same message twice in a file is one memory
            if (memoryId != null && memoryIds.add(memoryId)) {
                // A memory is a retrieval unit of bounded size; the transcript keeps the whole message.
                String text = clip(t.text());
                memories.add(new Passport.PassportMemory(
                        memoryId,
                        text,
                        MemoryKind.MESSAGE,
                        at,
                        null,
                        null,
                        sessionId,
                        title == null ? Map.of("source", service) : Map.of("source", service, "conversation", title),
                        null,
                        // as in chat: the message before, usually the assistant's answer this one replies to
                        MemoryLimits.clipContext(previous),
                        null,
                        null));
            }
            previous = t.text();
            messages.add(new Passport.Message(
                    t.fromUser() ? "user" : "assistant",
                    t.text(),
                    at,
                    t.fromUser() ? null : service,
                    t.fromUser() ? null : t.model(),
                    memoryId));
        }
        Instant created = createdAt.truncatedTo(ChronoUnit.MILLIS);
        Instant updated = updatedAt != null ? updatedAt.truncatedTo(ChronoUnit.MILLIS) : last;
        sessions.add(new Passport.Session(sessionId, created, updated, messages));
    }

    /**
     * A memory the service held outside any conversation (a fact, a note, a block of an agent's memory), said at
     * {@code at}; its metadata names the service as its source.
     */
    void addMemory(String foreignId, String text, MemoryKind kind, Instant at, Map<String, Object> metadata) {
        String id = id(foreignId);
        if (!memoryIds.add(id)) {
            return; // said twice (a line repeated in a block, an id listed twice): one memory
        }
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        meta.put("source", service);
        memories.add(new Passport.PassportMemory(
                id,
                clip(text),
                kind,
                at.truncatedTo(ChronoUnit.MILLIS),
                null,
                null,
                null,
                meta,
                null,
                null,
                null,
                null));
    }

    Passport toPassport(String userId) {
        return new Passport(
                Passport.FORMAT,
                Passport.VERSION,
                null,
                new Passport.User(userId, null, null),
                sessions,
                memories,
                List.of());
    }

    /**
     * A time in a document of this format: ISO-8601 with an offset, or without one (then UTC); null when absent. A
     * value that is neither is refused with its path.
     */
    static Instant dateTime(String format, JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new InvalidImportException(
                        "not a valid " + format + " document: at " + where + ": '" + text + "' is not a date-time");
            }
        }
    }

    private static String clip(String text) {
        return text.length() > MemoryLimits.MAX_TEXT_CHARS ? text.substring(0, MemoryLimits.MAX_TEXT_CHARS) : text;
    }

    private String id(String foreignId) {
        return UUID.nameUUIDFromBytes((service + ":" + foreignId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** One message of a conversation; at may be null (then the previous message's time). */
    record Turn(String messageId, boolean fromUser, String text, Instant at, String model) {}
}
