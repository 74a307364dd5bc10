package dev.moat.provider;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The built-in offline responder: deterministic and extractive, not a language model. It reads the memory lines of
 * the prompt ({@code - [date] text} between {@code <memories>} and {@code </memories>}, as the chat prompt writes
 * them: context/MemoryBlock), leaves out earlier questions, keeps those
 * sharing the most words with the question, and quotes them, saying that it is the offline model. Same input, same
 * output.
 */
public final class OfflineChatModel implements ChatModel {

    public static final String MODEL_NAME = "moat-offline-extractive";
    /** Memories quoted at most. */
    static final int MAX_QUOTED = 3;

    /** The memory block's tags, as context/MemoryBlock writes them (MemoryInjectionTest checks they agree). */
    public static final String OPEN = "<memories>";

    public static final String CLOSE = "</memories>";
    private static final String PREFIX = "[Moat offline model: extractive, not an LLM] ";
    private static final Set<String> STOP = Set.of(
            "the", "and", "for", "are", "was", "were", "what", "when", "where", "which", "who", "whom", "why", "how",
            "did", "does", "you", "your", "have", "has", "had", "this", "that", "with", "from", "about", "into", "they",
            "them", "their", "there", "then", "than", "can", "could", "would", "should", "will", "not", "any");

    @Override
    public ChatResponse doChat(ChatRequest request) {
        String question = "";
        List<String> memories = new ArrayList<>();
        for (ChatMessage m : request.messages()) {
            if (m instanceof SystemMessage system) {
                memories.addAll(memoryLines(system.text()));
            } else if (m instanceof UserMessage user && user.hasSingleText()) {
                question = user.singleText();
            }
        }
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(answer(question, memories)))
                .modelName(MODEL_NAME)
                .finishReason(FinishReason.STOP)
                .build();
    }

    /** The memory lines of the system text's memory block. */
    static List<String> memoryLines(String system) {
        List<String> lines = new ArrayList<>();
        boolean inside = false;
        for (String line : system.lines().toList()) {
            if (line.equals(OPEN) || line.equals(CLOSE)) {
                inside = line.equals(OPEN);
            } else if (inside && line.startsWith("- [")) {
                lines.add(line);
            }
        }
        return lines;
    }

    static String answer(String question, List<String> memoryLines) {
        Set<String> asked = words(question);
        record Scored(int order, int overlap, String line) {}
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < memoryLines.size(); i++) {
            // A question the user asked before answers nothing: quoting it back would only echo them.
            if (memoryLines.get(i).strip().endsWith("?")) {
                continue;
            }
            Set<String> shared = words(memoryLines.get(i));
            shared.retainAll(asked);
            if (!shared.isEmpty()) {
                scored.add(new Scored(i, shared.size(), memoryLines.get(i)));
            }
        }
        if (scored.isEmpty()) {
            return PREFIX + "None of your earlier messages bears on this, so I have nothing to answer from.";
        }
        // Most shared words first; the prompt's own order (retrieval rank) breaks ties.
        scored.sort(Comparator.comparingInt(Scored::overlap).reversed().thenComparingInt(Scored::order));
        StringBuilder reply = new StringBuilder(PREFIX).append("From what you told me before:");
        scored.stream().limit(MAX_QUOTED).forEach(s -> reply.append('\n').append(s.line()));
        return reply.toString();
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 3 && !STOP.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }
}
