package dev.moat.portability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.memory.MemoryKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Letta's Agent File (.af): {@code agents}, each with its {@code messages} and its memory blocks (named by
 * {@code block_ids} into the file's {@code blocks}, or held inline as {@code memory_blocks} / {@code core_memory} by
 * older files). Each agent's messages become a session, its user messages memories; the {@code human} block, what the
 * agent learned of its user, becomes a fact per line; any other block a note ({@code label: value}). The
 * {@code persona} block describes the agent, not the user, and is left out. Ids in an agent file are local to it
 * ({@code agent-0}, {@code message-0}), so Moat's ids derive from the agent's name, the id, the time and the text:
 * the same file twice adds nothing, another file's {@code message-0} is another message.
 */
final class LettaAgentFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LettaAgentFile() {}

    /** The file's agents as a passport; {@code now} dates blocks in a file that holds no time at all. */
    static Passport toPassport(JsonNode file, String userId, Instant now) {
        Conversations out = new Conversations("letta");
        Map<String, JsonNode> blocks = new HashMap<>();
        JsonNode shared = file.path("blocks");
        for (int i = 0; i < shared.size(); i++) {
            if (shared.get(i).hasNonNull("id")) {
                blocks.put(shared.get(i).get("id").asText(), shared.get(i));
            }
        }
        Instant fileTime = Conversations.dateTime("letta", file.get("created_at"), "$.created_at");
        JsonNode agents = file.get("agents");
        for (int i = 0; i < agents.size(); i++) {
            JsonNode agent = agents.get(i);
            String where = "$.agents[" + i + "]";
            String key = agent.path("name").asText("") + "/" + agent.path("id").asText(String.valueOf(i));
            List<Conversations.Turn> turns = turns(agent, key, where);
            Instant last = turns.stream()
                    .map(Conversations.Turn::at)
                    .filter(t -> t != null)
                    .max(Instant::compareTo)
                    .orElse(fileTime != null ? fileTime : now);
            for (JsonNode block : blocksOf(agent, blocks, where)) {
                addBlock(out, key, block, last);
            }
            if (!turns.isEmpty()) {
                Instant first = turns.stream()
                        .map(Conversations.Turn::at)
                        .filter(t -> t != null)
                        .min(Instant::compareTo)
                        .orElse(last);
                String title = agent.hasNonNull("name")
                        ? "Letta agent " + agent.get("name").asText()
                        : null;
                out.add(key + "@" + first, title, first, last, turns);
            }
        }
        return out.toPassport(userId);
    }

    private static List<JsonNode> blocksOf(JsonNode agent, Map<String, JsonNode> blocks, String where) {
        List<JsonNode> found = new ArrayList<>();
        JsonNode ids = agent.path("block_ids");
        for (int j = 0; j < ids.size(); j++) {
            JsonNode block = blocks.get(ids.get(j).asText());
            if (block == null) {
                throw new InvalidImportException("not a valid letta document: at " + where + ".block_ids[" + j + "]: '"
                        + ids.get(j).asText() + "' names no block of $.blocks");
            }
            found.add(block);
        }
        agent.path("memory_blocks").forEach(found::add);
        agent.path("core_memory").forEach(found::add);
        return found;
    }

    private static void addBlock(Conversations out, String agentKey, JsonNode block, Instant at) {
        String label = block.path("label").asText("").strip();
        String value = block.get("value").asText();
        String kind = label.toLowerCase(Locale.ROOT);
        if (kind.equals("persona") || value.isBlank()) {
            return;
        }
        Map<String, Object> metadata = Map.of("block", label);
        if (kind.equals("human")) {
            for (String line : value.split("\\R")) {
                String fact = line.strip().replaceFirst("^[-*•]\\s+", "");
                if (!fact.isBlank()) {
                    out.addMemory(agentKey + "#human:" + fact, fact, MemoryKind.FACT, at, metadata);
                }
            }
        } else {
            String note = label.isEmpty() ? value.strip() : label + ": " + value.strip();
            out.addMemory(agentKey + "#" + label + ":" + value, note, MemoryKind.NOTE, at, metadata);
        }
    }

    private static List<Conversations.Turn> turns(JsonNode agent, String agentKey, String where) {
        List<Conversations.Turn> turns = new ArrayList<>();
        JsonNode messages = agent.path("messages");
        for (int j = 0; j < messages.size(); j++) {
            JsonNode m = messages.get(j);
            String at = where + ".messages[" + j + "]";
            String role = m.get("role").asText();
            String text =
                    switch (role) {
                        case "user" -> userText(text(m));
                        case "assistant" -> assistantText(m);
                        default -> null; // system prompts and tool returns are the agent's, not the conversation's
                    };
            if (text == null || text.isBlank()) {
                continue;
            }
            Instant time = Conversations.dateTime("letta", m.get("created_at"), at + ".created_at");
            String id = agentKey + ":" + m.path("id").asText(String.valueOf(j)) + ":" + time + ":" + text;
            turns.add(new Conversations.Turn(
                    id, role.equals("user"), text, time, m.path("model").asText(null)));
        }
        return turns;
    }

    /** A message's text: its text parts, its content string, or (older files) its text field. */
    private static String text(JsonNode m) {
        JsonNode content = m.get("content");
        if (content != null && content.isTextual()) {
            return content.asText();
        }
        if (content != null && content.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText())
                        && part.path("text").isTextual()) {
                    parts.add(part.get("text").asText());
                }
            }
            return String.join("\n", parts);
        }
        return m.path("text").asText(null);
    }

    /**
     * Older agents wrapped what the user typed as {@code {"type": "user_message", "message": ...}} and sent heartbeats
     * and login events as user messages of other types: those are the system's, not the user's.
     */
    private static String userText(String text) {
        if (text == null || !text.strip().startsWith("{")) {
            return text;
        }
        try {
            JsonNode packed = JSON.readTree(text);
            if (packed.isObject() && packed.has("type")) {
                return "user_message".equals(packed.get("type").asText())
                        ? packed.path("message").asText(null)
                        : null;
            }
        } catch (JsonProcessingException e) {
            // not JSON after all: the user's own braces
        }
        return text;
    }

    /** An agent that answers through its send_message tool says what the tool's message argument holds. */
    private static String assistantText(JsonNode m) {
        for (JsonNode call : m.path("tool_calls")) {
            JsonNode function = call.path("function");
            if ("send_message".equals(function.path("name").asText())
                    && function.path("arguments").isTextual()) {
                try {
                    JsonNode arguments = JSON.readTree(function.get("arguments").asText());
                    if (arguments.path("message").isTextual()) {
                        return arguments.get("message").asText();
                    }
                } catch (JsonProcessingException e) {
                    // arguments that are not JSON: fall back to the message's own text
                }
            }
        }
        return text(m);
    }
}
