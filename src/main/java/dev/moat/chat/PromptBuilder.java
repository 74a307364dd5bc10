package dev.moat.chat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.moat.context.MemoryBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The prompt of a chat turn: a system message with the user's relevant memories, dated, best first, in the block
 * {@link MemoryBlock} writes; the recent turns of the session; the new message.
 */
final class PromptBuilder {

    static final String SYSTEM = "You are a helpful assistant with a long-term memory of this user. Use the"
            + " memories below when they bear on the message, mention their dates when time matters, and say so"
            + " when they do not answer it.";

    private PromptBuilder() {}

    /**
     * The prompt: system text (the client's own, when it sent one, after Moat's), memories, earlier turns (the
     * session's, or the client's own history in the OpenAI-compatible API), the message.
     */
    static List<ChatMessage> build(String memoryBlock, List<ChatMessage> history, String message, String clientSystem) {
        StringBuilder system = new StringBuilder(SYSTEM);
        if (clientSystem != null && !clientSystem.isBlank()) {
            system.append("\n\n").append(clientSystem);
        }
        system.append("\n\n").append(memoryBlock);
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
