package dev.moat.dataset;

import dev.moat.memory.MemoryKind;
import dev.moat.memory.NewMemory;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One LoCoMo-format conversation: its dated turns in order, and the questions asked about it. */
public record Conversation(String id, List<Turn> turns, List<Question> questions) {

    /**
     * One turn: {@code dia_id} like D3:7 (a message id in Moat's format), the session's number and date, the speaker
     * (null for the user), the text, and an image caption if any.
     */
    public record Turn(String diaId, int session, Instant at, String speaker, String text, String imageCaption) {

        /**
         * The memory a turn becomes: {@code speaker: text} (just the text when the speaker is the user, as in Moat's
         * own format), plus {@code [image: caption]} when there is one.
         */
        public String memoryText() {
            String base = speaker == null ? text : speaker + ": " + text;
            return imageCaption == null || imageCaption.isBlank() ? base : base + " [image: " + imageCaption + "]";
        }

        /** The turn as a message memory in its session, its id kept in the metadata as {@code dia_id}. */
        public NewMemory toMemory() {
            return new NewMemory(memoryText(), MemoryKind.MESSAGE, at, "session_" + session, Map.of("dia_id", diaId));
        }
    }

    /**
     * A question with the turns that answer it, and its category: LoCoMo's number ("1" to "5") or BEAM's name
     * ("event_ordering"). Evidence is normalised ({@code D:11:26} is D11:26, {@code D30:05} is
     * D30:5, two ids in one string are two ids); {@code unknownEvidence} counts ids that name no turn.
     */
    public record Question(String text, String category, List<String> evidence, int unknownEvidence) {

        /** Category 5 questions are adversarial: nothing in the conversation answers them. */
        public boolean adversarial() {
            return "5".equals(category);
        }
    }
}
