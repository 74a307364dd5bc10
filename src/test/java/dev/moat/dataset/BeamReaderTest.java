package dev.moat.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BEAM chats as their authors publish them: <i>/chat.json and probing_questions/probing_questions.json. */
class BeamReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> message(String role, String id, String content, String anchor) {
        return anchor == null
                ? Map.of("role", role, "id", id, "content", content)
                : Map.of("role", role, "id", id, "content", content, "time_anchor", anchor, "index", "1,1");
    }

    private static void chat(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("probing_questions"));
        List<Object> sessions = List.of(
                Map.of(
                        "batch_number",
                        1,
                        "turns",
                        List.of(List.of(
                                message(
                                        "user",
                                        "0",
                                        "I am building a budget tracker in Flask. ->-> 1,1",
                                        "March-15-2024"),
                                message("assistant", "1", "Great, start with the models.", null),
                                message("user", "2", "My first sprint ends on March 29.", null)))),
                Map.of(
                        "batch_number",
                        2,
                        "turns",
                        List.of(List.of(
                                message("user", "3", "I switched the database to PostgreSQL ->-> 2,1", "April-05-2024"),
                                message("assistant", "4", "Then migrate with Alembic.", null)))));
        Files.writeString(folder.resolve("chat.json"), JSON.writeValueAsString(sessions));
        Map<String, Object> questions = Map.of(
                "information_extraction",
                List.of(Map.of("question", "When does my first sprint end?", "source_chat_ids", List.of(2, 99))),
                "knowledge_update",
                List.of(Map.of(
                        "question",
                        "Which database do I use?",
                        "source_chat_ids",
                        Map.of("original_info", List.of(0), "updated_info", List.of(3)))),
                "abstention",
                List.of(Map.of("question", "What did my manager say?")));
        Files.writeString(
                folder.resolve("probing_questions").resolve("probing_questions.json"),
                JSON.writeValueAsString(questions));
    }

    @Test
    void readsMessagesAsTurnsAndSourceChatIdsAsEvidence(@TempDir Path dir) throws IOException {
        chat(dir.resolve("10"));
        chat(dir.resolve("2"));
        assertThat(BeamReader.isBeam(dir)).isTrue();
        List<Conversation> chats = new LocomoReader(JSON).read(dir);
        assertThat(chats).extracting(Conversation::id).containsExactly("beam-2", "beam-10"); // numeric order

        Conversation c = chats.get(0);
        assertThat(c.turns()).extracting(Conversation.Turn::diaId).containsExactly("0", "1", "2", "3", "4");
        Conversation.Turn first = c.turns().get(0);
        assertThat(first.memoryText()).isEqualTo("I am building a budget tracker in Flask."); // marker stripped
        assertThat(first.at()).isEqualTo(Instant.parse("2024-03-15T09:00:00Z"));
        assertThat(c.turns().get(1).memoryText()).isEqualTo("assistant: Great, start with the models.");
        assertThat(c.turns().get(2).at()).isEqualTo(Instant.parse("2024-03-15T09:02:00Z"));
        assertThat(c.turns().get(3).session()).isEqualTo(2);
        assertThat(c.turns().get(3).at()).isEqualTo(Instant.parse("2024-04-05T09:00:00Z"));

        Map<String, Conversation.Question> byCategory = new HashMap<>();
        c.questions().forEach(q -> byCategory.put(q.category(), q));
        assertThat(byCategory.get("information_extraction").evidence()).containsExactly("2");
        assertThat(byCategory.get("information_extraction").unknownEvidence()).isEqualTo(1);
        assertThat(byCategory.get("knowledge_update").evidence()).containsExactlyInAnyOrder("0", "3");
        assertThat(byCategory.get("abstention").evidence()).isEmpty();
        assertThat(byCategory.values()).noneMatch(Conversation.Question::adversarial);
    }

    @Test
    void saysWhatIsWrongWithABadChat(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("1");
        Files.createDirectories(folder);
        Files.writeString(
                folder.resolve("chat.json"),
                JSON.writeValueAsString(
                        List.of(Map.of("turns", List.of(List.of(message("user", "0", "hi", "the ides of March")))))));
        assertThatThrownBy(() -> new BeamReader(JSON).read(folder))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("time_anchor 'the ides of March'");
        Files.writeString(
                folder.resolve("chat.json"),
                JSON.writeValueAsString(List.of(Map.of(
                        "turns",
                        List.of(List.of(message("user", "0", "hi", null), message("user", "0", "again", null)))))));
        assertThatThrownBy(() -> new BeamReader(JSON).read(folder)).hasMessageContaining("'0' is not unique");
        Files.writeString(folder.resolve("chat.json"), "{\"not\": \"sessions\"}");
        assertThatThrownBy(() -> new BeamReader(JSON).read(folder))
                .hasMessageContaining("expected an array of sessions");
    }
}
