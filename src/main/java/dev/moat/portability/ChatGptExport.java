package dev.moat.portability;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ChatGPT's conversations.json: an array of conversations whose messages form a tree in {@code mapping} (edits and
 * regenerations branch it). The branch the user last saw, from {@code current_node} up to the root, is the
 * transcript; user and assistant messages with text are kept, system and tool messages are not.
 */
final class ChatGptExport {

    private ChatGptExport() {}

    static Passport toPassport(JsonNode conversations, String userId) {
        return toPassport(conversations, userId, 0);
    }

    /** The conversations of one part of a larger document, whose first is the document's conversation firstIndex. */
    static Passport toPassport(JsonNode conversations, String userId, int firstIndex) {
        Conversations out = new Conversations("chatgpt");
        for (int i = 0; i < conversations.size(); i++) {
            JsonNode c = conversations.get(i);
            String where = "$[" + (firstIndex + i) + "]";
            String id = text(c, "conversation_id", text(c, "id", null));
            if (id == null) {
                throw new InvalidImportException("not a valid chatgpt document: at " + where
                        + ": a conversation needs an id or conversation_id");
            }
            List<Conversations.Turn> turns = new ArrayList<>();
            for (JsonNode node : branch(c.get("mapping"), text(c, "current_node", null), where)) {
                JsonNode m = node.get("message");
                if (m == null || m.isNull()) {
                    continue;
                }
                String role = m.path("author").path("role").asText();
                if (!role.equals("user") && !role.equals("assistant")) {
                    continue;
                }
                turns.add(new Conversations.Turn(
                        m.get("id").asText(),
                        role.equals("user"),
                        parts(m.path("content")),
                        seconds(m.get("create_time")),
                        text(m.path("metadata"), "model_slug", null)));
            }
            Instant created = seconds(c.get("create_time"));
            if (created == null) {
                created = turns.stream()
                        .map(Conversations.Turn::at)
                        .filter(t -> t != null)
                        .findFirst()
                        .orElse(Instant.EPOCH);
            }
            out.add(id, text(c, "title", null), created, seconds(c.get("update_time")), turns);
        }
        return out.toPassport(userId);
    }

    /** The nodes from the root to the current node (or, without one, to the latest leaf). */
    private static List<JsonNode> branch(JsonNode mapping, String current, String where) {
        String node = current != null ? current : latestLeaf(mapping);
        List<JsonNode> path = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (node != null) {
            JsonNode n = mapping.get(node);
            if (n == null) {
                throw new InvalidImportException("not a valid chatgpt document: at " + where + ".mapping: node '" + node
                        + "' is named but missing");
            }
            if (!seen.add(node)) {
                throw new InvalidImportException(
                        "not a valid chatgpt document: at " + where + ".mapping: the parents of '" + node + "' loop");
            }
            path.add(n);
            node = text(n, "parent", null);
        }
        Collections.reverse(path);
        return path;
    }

    private static String latestLeaf(JsonNode mapping) {
        String best = null;
        double bestTime = Double.NEGATIVE_INFINITY;
        for (var it = mapping.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().path("children").isEmpty()) {
                double t = e.getValue().path("message").path("create_time").asDouble(0);
                if (best == null || t > bestTime) {
                    best = e.getKey();
                    bestTime = t;
                }
            }
        }
        return best;
    }

    /** The text parts of a message, one per line; images and other non-text parts are left out. */
    private static String parts(JsonNode content) {
        List<String> texts = new ArrayList<>();
        for (JsonNode p : content.path("parts")) {
            if (p.isTextual() && !p.asText().isBlank()) {
                texts.add(p.asText());
            }
        }
        if (texts.isEmpty() && content.path("text").isTextual()) {
            texts.add(content.get("text").asText());
        }
        return String.join("\n", texts);
    }

    private static Instant seconds(JsonNode epochSeconds) {
        if (epochSeconds == null || !epochSeconds.isNumber()) {
            return null;
        }
        return Instant.ofEpochMilli(Math.round(epochSeconds.asDouble() * 1000));
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : otherwise;
    }
}
