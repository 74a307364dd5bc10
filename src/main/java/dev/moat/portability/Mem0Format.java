package dev.moat.portability;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.memory.MemoryKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mem0's memories, in and out (docs/PASSPORT.md, "mem0").
 *
 * <p>In: the memory list mem0's {@code get_all} and list API return, {@code {"results": [{id, memory, hash, metadata,
 * created_at, updated_at, user_id}]}} (or the bare array older versions return), each a fact said when its current
 * text was last written (the later of created_at and updated_at); or an array of add requests, as Moat's mem0 export
 * writes them, each user message a memory.
 *
 * <p>Out: one add request per memory that still holds, {@code {messages: [{role: "user", content}], user_id, infer:
 * false, timestamp, metadata}}, which mem0's add API ({@code client.add(**request)}) stores as written. The metadata
 * keeps Moat's id, kind and the exact time ({@code moat_id}, {@code moat_kind}, {@code moat_occurred_at}): mem0 keeps
 * metadata as given, so a round trip through mem0 loses neither.
 */
final class Mem0Format {

    static final String ID = "moat_id";
    static final String KIND = "moat_kind";
    static final String OCCURRED_AT = "moat_occurred_at";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Mem0Format() {}

    /** A body for mem0's add API. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AddRequest(
            List<Message> messages,
            @JsonProperty("user_id") String userId,
            boolean infer,
            long timestamp,
            Map<String, Object> metadata) {}

    record Message(String role, String content) {}

    /** The add requests that rebuild the passport's memories that still hold, oldest first. */
    static List<AddRequest> requests(Passport passport) {
        List<AddRequest> requests = new ArrayList<>();
        passport.memories().stream()
                .filter(m -> m.validTo() == null)
                .sorted((a, b) -> a.occurredAt().compareTo(b.occurredAt()))
                .forEach(m -> {
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    if (m.metadata() != null) {
                        metadata.putAll(m.metadata());
                    }
                    metadata.put(ID, m.id());
                    metadata.put(KIND, m.kind().id());
                    metadata.put(OCCURRED_AT, m.occurredAt().toString());
                    requests.add(new AddRequest(
                            List.of(new Message("user", m.text())),
                            passport.user().id(),
                            false,
                            m.occurredAt().getEpochSecond(),
                            metadata));
                });
        return requests;
    }

    /** The document's memories as a passport; {@code now} dates a memory the document gives no time. */
    static Passport toPassport(JsonNode document, String userId, Instant now) {
        Conversations out = new Conversations("mem0");
        if (document.isObject()) {
            memories(document.get("results"), "$.results", out, now);
        } else if (document.size() > 0 && document.get(0).has("messages")) {
            requests(document, out, now);
        } else {
            memories(document, "$", out, now);
        }
        return out.toPassport(userId);
    }

    private static void memories(JsonNode list, String where, Conversations out, Instant now) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            String at = where + "[" + i + "]";
            Map<String, Object> metadata = metadata(m.get("metadata"));
            Instant created = Conversations.dateTime("mem0", m.get("created_at"), at + ".created_at");
            Instant updated = Conversations.dateTime("mem0", m.get("updated_at"), at + ".updated_at");
            Instant said = latest(created, updated);
            if (m.hasNonNull("categories")) {
                metadata.put("categories", JSON.convertValue(m.get("categories"), Object.class));
            }
            String text = m.get("memory").asText();
            String foreignId = m.hasNonNull("id") ? "id:" + m.get("id").asText() : "text:" + text;
            add(out, foreignId, text, metadata, said == null ? now : said, at);
        }
    }

    private static void requests(JsonNode requests, Conversations out, Instant now) {
        for (int i = 0; i < requests.size(); i++) {
            JsonNode r = requests.get(i);
            String where = "$[" + i + "]";
            Map<String, Object> metadata = metadata(r.get("metadata"));
            Instant at = r.hasNonNull("timestamp")
                    ? Instant.ofEpochMilli(Math.round(r.get("timestamp").asDouble() * 1000))
                    : now;
            JsonNode messages = r.get("messages");
            for (int j = 0; j < messages.size(); j++) {
                JsonNode message = messages.get(j);
                if (!"user".equals(message.get("role").asText())) {
                    continue; // mem0 keeps what the user said; an assistant's turn is the context of it
                }
                String text = message.get("content").asText();
                add(
                        out,
                        "request:" + at.toEpochMilli() + ":" + text,
                        text,
                        metadata,
                        at,
                        where + ".messages[" + j + "]");
            }
        }
    }

    /** Moat's own keys, when a Moat export wrote them, give the memory back its id, kind and exact time. */
    private static void add(
            Conversations out, String foreignId, String text, Map<String, Object> metadata, Instant at, String where) {
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        Object id = meta.remove(ID);
        Object kind = meta.remove(KIND);
        Object occurred = meta.remove(OCCURRED_AT);
        if (occurred != null) {
            at = Conversations.dateTime("mem0", JSON.valueToTree(occurred), where + ".metadata." + OCCURRED_AT);
        }
        out.addMemory(id != null ? "moat:" + id : foreignId, text, kind(kind, where), at, meta);
    }

    private static MemoryKind kind(Object kind, String where) {
        if (kind == null) {
            return MemoryKind.FACT;
        }
        try {
            return MemoryKind.of(kind.toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidImportException(
                    "not a valid mem0 document: at " + where + ".metadata." + KIND + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> metadata(JsonNode metadata) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (metadata != null && metadata.isObject()) {
            metadata.fields().forEachRemaining(e -> map.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        }
        return map;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return b.isAfter(a) ? b : a;
    }
}
