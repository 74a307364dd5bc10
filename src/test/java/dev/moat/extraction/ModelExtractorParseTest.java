package dev.moat.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.memory.MemoryKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What is kept of an extraction model's answer. */
class ModelExtractorParseTest {

    private static final Instant SAID = Instant.parse("2024-05-08T13:56:00Z");
    private final ModelExtractor extractor = new ModelExtractor(null, new ObjectMapper(), null);

    @Test
    void keepsWellFormedStatementsFromJsonAmidProse() {
        var found = extractor.parse(
                "Sure! {\"memories\": [{\"text\": \"Ana likes jazz\", \"kind\": \"preference\","
                        + " \"slot\": \"Ana|Opinion of jazz\", \"date\": \"not a date\"}]} Hope that helps.",
                SAID);
        assertThat(found)
                .containsExactly(new Statement("Ana likes jazz", MemoryKind.PREFERENCE, "ana|opinion of jazz", SAID));
    }

    @Test
    void anAnswerThatIsNotTheJsonIsNoAnswer() {
        assertThat(extractor.parse("I could not find anything.", SAID)).isNull();
        assertThat(extractor.parse("{\"memories\": [ {\"text\": ", SAID)).isNull();
        assertThat(extractor.parse("{\"facts\": []}", SAID)).isNull();
        assertThat(extractor.parse(null, SAID)).isNull();
        // the JSON asked for, saying there is nothing: an answer
        assertThat(extractor.parse("{\"memories\": []}", SAID)).isEmpty();
        assertThat(extractor.parse("{\"memories\": [{\"text\": \"x\", \"kind\": \"fact\"}]}", SAID))
                .as("no slot")
                .isEmpty();
    }

    @Test
    void keepsTenStatementsAtMost() {
        StringBuilder many = new StringBuilder("{\"memories\": [");
        for (int i = 0; i < 15; i++) {
            many.append(i == 0 ? "" : ",")
                    .append("{\"text\": \"Fact ")
                    .append(i)
                    .append("\", \"kind\": \"fact\", \"slot\": \"s|")
                    .append(i)
                    .append("\"}");
        }
        assertThat(extractor.parse(many.append("]}").toString(), SAID)).hasSize(ModelExtractor.MAX_STATEMENTS);
    }
}
