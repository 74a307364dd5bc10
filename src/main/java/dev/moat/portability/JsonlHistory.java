package dev.moat.portability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.memory.MemoryKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A passport's conversations in Moat's history format (docs/EXPERIMENTS.md, the format {@code bench recall} and the
 * experiment runner read): one JSON object a line, {@code {user, session, timestamp, role, text, id?}}, oldest
 * first. Every session's transcript, then the user's messages that belong to none (added through the API), each
 * under a session of its day. A user message names the memory it became as its id. Facts, notes and history are not
 * messages and are not in it: that is what the passport is for.
 */
final class JsonlHistory {

    private JsonlHistory() {}

    static String of(Passport passport, ObjectMapper json) {
        String user = passport.user().id();
        List<Row> rows = new ArrayList<>();
        Set<String> inTranscript = new HashSet<>();
        for (Passport.Session s : passport.sessions()) {
            for (Passport.Message m : s.messages()) {
                rows.add(new Row(s.id(), m.at(), m.role(), m.text(), m.memoryId()));
                if (m.memoryId() != null) {
                    inTranscript.add(m.memoryId());
                }
            }
        }
        for (Passport.PassportMemory m : passport.memories()) {
            if (m.kind() == MemoryKind.MESSAGE && !inTranscript.contains(m.id())) {
                String session = m.sessionId() != null
                        ? m.sessionId()
                        : "day-" + m.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
                rows.add(new Row(session, m.occurredAt(), "user", m.text(), m.id()));
            }
        }
        rows.sort(Comparator.comparing(Row::at)); // stable: a session's messages keep their order
        StringBuilder out = new StringBuilder();
        for (Row r : rows) {
            if (r.text().isBlank()) {
                continue;
            }
            ObjectNode line = json.createObjectNode()
                    .put("user", user)
                    .put("session", r.session())
                    .put("timestamp", r.at().toString())
                    .put("role", r.role())
                    .put("text", r.text());
            if (r.id() != null) {
                line.put("id", r.id());
            }
            try {
                out.append(json.writer()
                                .without(SerializationFeature.INDENT_OUTPUT)
                                .writeValueAsString(line))
                        .append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree that cannot be written: " + e.getMessage(), e);
            }
        }
        return out.toString();
    }

    private record Row(String session, Instant at, String role, String text, String id) {}
}
