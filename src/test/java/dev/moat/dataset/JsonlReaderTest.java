package dev.moat.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {

    private final LocomoReader reader = new LocomoReader(new ObjectMapper());

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        return Files.write(dir.resolve("history.jsonl"), List.of(lines));
    }

    @Test
    void readsEachUsersOwnMessagesAndResolvesEvidenceByMessageId() throws IOException {
        Path f = file(
                "{\"question\": \"Where is the cat?\", \"user\": \"ada\", \"evidence\": [\"a2\", \"a1\", \"nope\"]}",
                "{\"user\": \"ada\", \"session\": \"x\", \"timestamp\": \"2024-01-01T10:00:00Z\", \"role\": \"user\","
                        + " \"text\": \"hello\", \"id\": \"a1\"}",
                "",
                "{\"user\": \"ada\", \"session\": \"x\", \"timestamp\": \"2024-01-01T10:00:05Z\", \"role\": \"assistant\","
                        + " \"text\": \"hi\", \"id\": \"a2\"}",
                "{\"user\": \"bo\", \"session\": \"s\", \"timestamp\": \"2024-02-01T09:00:00+01:00\", \"role\": \"user\","
                        + " \"text\": \"bo's message\"}",
                "{\"user\": \"ada\", \"session\": \"y\", \"timestamp\": \"2024-01-03T10:00:00Z\", \"role\": \"user\","
                        + " \"text\": \"the cat sleeps in the boiler room\", \"id\": \"a3\"}");
        List<Conversation> users = reader.read(f);

        assertThat(users).extracting(Conversation::id).containsExactly("ada", "bo");
        Conversation ada = users.get(0);
        assertThat(ada.turns()).extracting(Conversation.Turn::diaId).containsExactly("a1", "a3");
        assertThat(ada.turns()).extracting(Conversation.Turn::session).containsExactly(1, 2);
        assertThat(ada.turns().get(1).memoryText()).isEqualTo("the cat sleeps in the boiler room");
        Conversation.Question q = ada.questions().get(0);
        assertThat(q.evidence()).containsExactly("a1"); // a2 is the assistant's, "nope" names nothing
        assertThat(q.unknownEvidence()).isEqualTo(2);
        Conversation bo = users.get(1);
        assertThat(bo.turns().get(0).diaId()).isEqualTo("bo:5");
        assertThat(bo.turns().get(0).at()).isEqualTo(Instant.parse("2024-02-01T08:00:00Z"));
    }

    @Test
    void namesTheFileAndLineOfAMalformedLine() throws IOException {
        Path f = file(
                "{\"user\": \"ada\", \"session\": \"x\", \"timestamp\": \"2024-01-01T10:00:00Z\", \"role\": \"user\","
                        + " \"text\": \"hello\"}",
                "{\"user\": \"ada\", \"session\": \"x\", \"timestamp\": \"yesterday\", \"role\": \"user\", \"text\": \"x\"}");
        assertThatThrownBy(() -> reader.read(f))
                .isInstanceOf(DatasetException.class)
                .hasMessage(f + ":2: timestamp 'yesterday' is not ISO-8601 with an offset");
        Path g = file("{\"user\": \"ada\", \"session\": \"x\", \"timestamp\": \"2024-01-01T10:00:00Z\","
                + " \"role\": \"robot\", \"text\": \"beep\"}");
        assertThatThrownBy(() -> reader.read(g)).hasMessageContaining(":1: role must be user or assistant");
        Path h = file("not json");
        assertThatThrownBy(() -> reader.read(h)).hasMessageContaining(":1: not a JSON object");
    }

    @Test
    void theProjectsExampleReads() {
        List<Conversation> users = reader.read(Path.of("data/examples/moat-example.jsonl"));
        assertThat(users).extracting(Conversation::id).containsExactly("rosa", "ken");
        assertThat(users.get(0).turns()).hasSize(5);
        assertThat(users.get(0).questions()).hasSize(4).allSatisfy(q -> assertThat(q.unknownEvidence())
                .isZero());
        assertThat(users.get(1).questions()).hasSize(3).allSatisfy(q -> assertThat(q.evidence())
                .hasSize(1));
    }
}
