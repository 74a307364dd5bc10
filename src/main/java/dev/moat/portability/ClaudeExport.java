package dev.moat.portability;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Claude's conversations.json: an array of conversations, each with its {@code chat_messages} in order, sender
 * {@code human} or {@code assistant}; a message's text is its {@code text}, or the text blocks of its
 * {@code content}.
 */
final class ClaudeExport {

    private ClaudeExport() {}

    static Passport toPassport(JsonNode conversations, String userId) {
        return toPassport(conversations, userId, 0);
    }

    /** The conversations of one part of a larger document, whose first is the document's conversation firstIndex. */
    static Passport toPassport(JsonNode conversations, String userId, int firstIndex) {
        Conversations out = new Conversations("claude");
        for (int i = 0; i < conversations.size(); i++) {
            JsonNode c = conversations.get(i);
            String where = "$[" + (firstIndex + i) + "]";
            List<Conversations.Turn> turns = new ArrayList<>();
            JsonNode messages = c.get("chat_messages");
            for (int j = 0; j < messages.size(); j++) {
                JsonNode m = messages.get(j);
                turns.add(new Conversations.Turn(
                        m.get("uuid").asText(),
                        m.get("sender").asText().equals("human"),
                        text(m),
                        Conversations.dateTime(
                                "claude", m.get("created_at"), where + ".chat_messages[" + j + "].created_at"),
                        null));
            }
            Instant created = Conversations.dateTime("claude", c.get("created_at"), where + ".created_at");
            if (created == null) {
                created = turns.isEmpty() ? Instant.EPOCH : turns.get(0).at();
            }
            Instant updated = Conversations.dateTime("claude", c.get("updated_at"), where + ".updated_at");
            String title = c.path("name").isTextual() ? c.get("name").asText() : null;
            out.add(c.get("uuid").asText(), title, created, updated, turns);
        }
        return out.toPassport(userId);
    }

    private static String text(JsonNode message) {
        if (message.path("text").isTextual() && !message.get("text").asText().isBlank()) {
            return message.get("text").asText();
        }
        List<String> blocks = new ArrayList<>();
        for (JsonNode block : message.path("content")) {
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                blocks.add(block.get("text").asText());
            }
        }
        return String.join("\n", blocks);
    }
}
