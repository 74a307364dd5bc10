package dev.moat.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.support.LocomoFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocomoReaderTest {

    private final ObjectMapper json = new ObjectMapper();
    private final LocomoReader reader = new LocomoReader(json);

    @Test
    void readsTurnsWithTheirSessionDatesAndCaptions(@TempDir Path dir) throws IOException {
        LocomoFixture.write(dir, json);
        Conversation c = reader.read(dir).get(0);
        assertThat(c.id()).isEqualTo("fixture-1");
        assertThat(c.turns()).hasSize(6);
        assertThat(c.turns().get(0).at()).isEqualTo(Instant.parse("2023-05-08T13:56:00Z"));
        assertThat(c.turns().get(3).at()).isEqualTo(Instant.parse("2023-06-20T10:05:00Z"));
        assertThat(c.turns().get(2).memoryText())
                .isEqualTo("Ada: She is grey with white paws. [image: a grey cat sleeping on a sofa]");
        assertThat(c.turns().get(1).memoryText()).isEqualTo("Bo: That is lovely! What colour is she?");
    }

    @Test
    void normalisesMalformedEvidenceAndCountsUnknownIds(@TempDir Path dir) throws IOException {
        LocomoFixture.write(dir, json);
        List<Conversation.Question> qs = reader.read(dir).get(0).questions();
        assertThat(qs.get(1).evidence()).containsExactly("D1:3");
        assertThat(qs.get(2).evidence()).containsExactly("D2:1", "D2:2");
        assertThat(qs.get(3).evidence()).containsExactly("D2:3");
        assertThat(qs.get(3).unknownEvidence()).isEqualTo(1);
        assertThat(qs.get(4).adversarial()).isTrue();
    }

    @Test
    void saysWhatIsWrongWithABadDataSet(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> reader.read(dir.resolve("nope"))).hasMessageContaining("data set not found");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("no .json or .jsonl file in " + dir);
        Files.writeString(dir.resolve("broken.json"), "{ not json");
        assertThatThrownBy(() -> reader.read(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("broken.json");
        Files.writeString(dir.resolve("broken.json"), "{\"speaker_a\": \"x\"}");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("no session_N");
        Files.writeString(
                dir.resolve("broken.json"),
                "{\"session_1_date_time\": \"someday\", \"session_1\": [{\"speaker\":\"a\",\"dia_id\":\"D1:1\",\"text\":\"t\"}]}");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("'someday' is not a date");
    }
}
