package dev.moat.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * A made-up ChatGPT conversations.json of any size, written as it is made (never held whole): conversations of user
 * messages, each answered by an assistant reply of a chosen length. Each user message carries a token of its own,
 * {@link #marker}, so a test or benchmark can search for any one of them.
 */
public final class SyntheticChatGptExport {

    private static final long START_SECONDS = 1_714_558_800L; // 2024-05-01

    private SyntheticChatGptExport() {}

    /**
     * The word only the user message of this conversation and turn holds: letters only, since the index splits words
     * at digits.
     */
    public static String marker(int conversation, int turn) {
        return "zq" + letters(conversation) + "x" + letters(turn);
    }

    private static String letters(int n) {
        StringBuilder out = new StringBuilder();
        do {
            out.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return out.reverse().toString();
    }

    /** Writes the export: conversations of turns user messages and as many replies of replyChars; out stays open. */
    public static void write(Writer out, int conversations, int turns, int replyChars, long seed) throws IOException {
        SyntheticMemories words = new SyntheticMemories(seed);
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartArray();
            for (int c = 0; c < conversations; c++) {
                conversation(json, words, c, turns, replyChars);
            }
            json.writeEndArray();
        }
    }

    private static void conversation(JsonGenerator json, SyntheticMemories words, int c, int turns, int replyChars)
            throws IOException {
        String id = String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", c);
        long at = START_SECONDS + c * 86_400L;
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeStringField("conversation_id", id);
        json.writeStringField("title", "Conversation " + c);
        json.writeNumberField("create_time", at);
        json.writeNumberField("update_time", at + 2L * turns * 60);
        json.writeStringField("current_node", node(c, 2 * turns));
        json.writeObjectFieldStart("mapping");
        json.writeObjectFieldStart(node(c, 0));
        json.writeStringField("id", node(c, 0));
        json.writeNullField("message");
        json.writeNullField("parent");
        children(json, c, 1, 2 * turns);
        json.writeEndObject();
        for (int n = 1; n <= 2 * turns; n++) {
            boolean user = n % 2 == 1;
            String text = user ? words.memory() + " (" + marker(c, n / 2) + ")" : reply(words, replyChars);
            json.writeObjectFieldStart(node(c, n));
            json.writeStringField("id", node(c, n));
            json.writeObjectFieldStart("message");
            json.writeStringField("id", node(c, n));
            json.writeObjectFieldStart("author");
            json.writeStringField("role", user ? "user" : "assistant");
            json.writeEndObject();
            json.writeNumberField("create_time", at + n * 60L);
            json.writeObjectFieldStart("content");
            json.writeStringField("content_type", "text");
            json.writeArrayFieldStart("parts");
            json.writeString(text);
            json.writeEndArray();
            json.writeEndObject();
            json.writeObjectFieldStart("metadata");
            if (!user) {
                json.writeStringField("model_slug", "gpt-4o");
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeStringField("parent", node(c, n - 1));
            children(json, c, n + 1, 2 * turns);
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void children(JsonGenerator json, int c, int next, int last) throws IOException {
        json.writeArrayFieldStart("children");
        if (next <= last) {
            json.writeString(node(c, next));
        }
        json.writeEndArray();
    }

    private static String node(int c, int n) {
        return "c" + c + "n" + n;
    }

    private static String reply(SyntheticMemories words, int chars) {
        StringBuilder reply = new StringBuilder(chars + 100);
        while (reply.length() < chars) {
            reply.append(words.memory()).append(' ');
        }
        reply.setLength(chars);
        return reply.toString();
    }
}
