package dev.moat.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moat's own history format (docs/EXPERIMENTS.md): one JSON object a line, a message
 * {@code {user, session, timestamp, role, text, id?}} or a question {@code {user, question, evidence: [id...],
 * category?}}. Each user becomes a conversation of their own messages (role user; assistant lines are context and
 * are skipped), in the order of the file; evidence names message ids.
 */
final class JsonlReader {

    private final ObjectMapper json;

    JsonlReader(ObjectMapper json) {
        this.json = json;
    }

    List<Conversation> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, UserHistory> users = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + ":" + (n + 1);
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (JsonProcessingException e) {
                throw new DatasetException(where + ": not a JSON object: " + e.getOriginalMessage(), e);
            }
            if (node == null || !node.isObject()) {
                throw new DatasetException(where + ": expected a JSON object");
            }
            UserHistory user = users.computeIfAbsent(text(node, "user", where), UserHistory::new);
            if (node.has("question")) {
                user.question(node, where);
            } else {
                user.message(node, where, n + 1);
            }
        }
        if (users.isEmpty()) {
            throw new DatasetException(file + ": no messages");
        }
        return users.values().stream().map(UserHistory::conversation).toList();
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new DatasetException(where + ": '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    /** One user's messages and questions as they are read. */
    private static final class UserHistory {

        private final String user;
        private final List<Conversation.Turn> turns = new ArrayList<>();
        private final Map<String, Integer> sessions = new HashMap<>();
        private final Map<String, Boolean> ids = new HashMap<>(); // message id -> is a user message
        private final List<JsonNode> questions = new ArrayList<>();
        private final List<String> questionPlaces = new ArrayList<>();

        UserHistory(String user) {
            this.user = user;
        }

        void message(JsonNode node, String where, int lineNumber) {
            String role = text(node, "role", where);
            if (!role.equals("user") && !role.equals("assistant")) {
                throw new DatasetException(where + ": role must be user or assistant, got '" + role + "'");
            }
            String session = text(node, "session", where);
            Instant at = instant(text(node, "timestamp", where), where);
            String text = text(node, "text", where);
            String id = node.hasNonNull("id") ? text(node, "id", where) : user + ":" + lineNumber;
            if (ids.put(id, role.equals("user")) != null) {
                throw new DatasetException(where + ": message id '" + id + "' is used twice");
            }
            int index = sessions.computeIfAbsent(session, s -> sessions.size() + 1);
            if (role.equals("user")) {
                turns.add(new Conversation.Turn(id, index, at, null, text, null));
            }
        }

        void question(JsonNode node, String where) {
            text(node, "question", where);
            if (!node.path("evidence").isArray()) {
                throw new DatasetException(where + ": 'evidence' must be an array of message ids");
            }
            questions.add(node);
            questionPlaces.add(where);
        }

        /** Questions are resolved last, so evidence may name a message further down the file. */
        Conversation conversation() {
            List<Conversation.Question> resolved = new ArrayList<>();
            for (JsonNode q : questions) {
                List<String> evidence = new ArrayList<>();
                int unknown = 0;
                for (JsonNode e : q.get("evidence")) {
                    if (Boolean.TRUE.equals(ids.get(e.asText()))) {
                        evidence.add(e.asText());
                    } else {
                        unknown++; // names no message of this user, or an assistant's
                    }
                }
                resolved.add(new Conversation.Question(
                        q.get("question").asText(), q.path("category").asText("0"), evidence, unknown));
            }
            return new Conversation(user, turns, resolved);
        }

        private static Instant instant(String value, String where) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new DatasetException(where + ": timestamp '" + value + "' is not ISO-8601 with an offset");
            }
        }
    }
}
