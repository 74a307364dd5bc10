package dev.moat.chat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.moat.memory.SearchResult;
import dev.moat.memory.TimeExpressions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompt of a chat turn: a system message with the user's relevant memories, dated, best first; the recent
 * turns of the session; the new message. Memory lines read {@code - [2024-05-08] text}, the form the offline
 * model quotes from, followed by what each relative expression of the text resolves to, e.g.
 * {@code (yesterday: 7 May 2024)}, and by {@code (no longer so since 2024-06-01)} when a newer fact superseded it.
 */
final class PromptBuilder {

    static final String SYSTEM = "You are a helpful assistant with a long-term memory of this user. Use the"
            + " memories below when they bear on the message, mention their dates when time matters, and say so"
            + " when they do not answer it.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private PromptBuilder() {}

    /**
     * The prompt: system text (the client's own, when it sent one, after Moat's), memories, earlier turns (the
     * session's, or the client's own history in the OpenAI-compatible API), the message.
     */
    static List<ChatMessage> build(
            List<SearchResult.MemoryHit> memories, List<ChatMessage> history, String message, String clientSystem) {
        StringBuilder system = new StringBuilder(SYSTEM);
        if (clientSystem != null && !clientSystem.isBlank()) {
            system.append("\n\n").append(clientSystem);
        }
        if (memories.isEmpty()) {
            system.append("\n\nMemories of this user: none yet.");
        } else {
            system.append("\n\nMemories of this user, most relevant first:");
            for (SearchResult.MemoryHit hit : memories) {
                system.append("\n- [")
                        .append(DAY.format(hit.memory().occurredAt()))
                        .append("] ")
                        .append(hit.memory().text().replace('\n', ' '));
                // "yesterday" in a memory of 8 May is 7 May: the model is told, not left to count
                for (TimeExpressions.Resolved r : hit.memory().when()) {
                    system.append(" (")
                            .append(r.expression())
                            .append(": ")
                            .append(r.label())
                            .append(')');
                }
                if (hit.memory().validTo() != null) {
                    // superseded by a newer fact of the same slot: history, not the present
                    system.append(" (no longer so since ")
                            .append(DAY.format(hit.memory().validTo()))
                            .append(')');
                }
            }
        }
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(system.toString()));
        messages.addAll(history);
        messages.add(UserMessage.from(message));
        return messages;
    }

    /** The text of the history's last user or assistant message; null when there is none. */
    static String lastText(List<ChatMessage> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i) instanceof AiMessage ai && ai.text() != null) {
                return ai.text();
            }
            if (history.get(i) instanceof UserMessage user && user.hasSingleText()) {
                return user.singleText();
            }
        }
        return null;
    }

    /** A session's transcript as chat messages. */
    static List<ChatMessage> history(List<TranscriptMessage> turns) {
        List<ChatMessage> messages = new ArrayList<>(turns.size());
        for (TranscriptMessage turn : turns) {
            messages.add(
                    turn.role == TranscriptMessage.Role.USER ? UserMessage.from(turn.text) : AiMessage.from(turn.text));
        }
        return messages;
    }
}
