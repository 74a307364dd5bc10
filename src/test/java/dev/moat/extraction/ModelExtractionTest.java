package dev.moat.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.moat.support.MemoriesApi;
import dev.moat.support.PersistenceTest;
import dev.moat.support.ProviderStubServer;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Extraction through a provider (moat.extraction.provider): off the write's path, checked, with the rules behind. */
@QuarkusTest
@PersistenceTest
@QuarkusTestResource(ProviderStubServer.class)
@TestProfile(ModelExtractionTest.ThroughAModel.class)
class ModelExtractionTest {

    public static final class ThroughAModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("moat.extraction.provider", "extractor-stub");
        }
    }

    private static String say(String user, String text) {
        return MemoriesApi.add(user, Map.of("text", text, "occurredAt", "2024-05-08T13:56:00Z"));
    }

    private static Optional<Map<String, Object>> memory(String user, String text) {
        return MemoriesApi.withText(user, text);
    }

    /** The memory once the extraction thread has written it; fails after ten seconds. */
    private static Map<String, Object> awaitMemory(String user, String text) {
        return await().alias("memory '" + text + "'")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> memory(user, text), Optional::isPresent)
                .get();
    }

    @Test
    void theModelsUsableStatementsBecomeMemoriesWithItAsTheirSource() throws Exception {
        String user = Users.fresh("model-extract");
        String message = say(user, "Honestly, Lisbon has been home for a while, and we got a puppy yesterday");

        Map<String, Object> lives = awaitMemory(user, "The user lives in Lisbon");
        Map<String, Object> dog = awaitMemory(user, "The user adopted a dog");
        assertThat(lives.get("slot")).isEqualTo("the user|lives in");
        assertThat(lives.get("provenance"))
                .isEqualTo(
                        Map.of("sources", List.of(message), "provider", "extractor-stub", "model", "extractor-model"));
        assertThat(dog.get("occurredAt")).isEqualTo("2024-05-07T00:00:00Z");
        // the statement without a text and the one of an unknown kind were dropped
        assertThat(memory(user, "The user is happy")).isEmpty();
        String sent = ProviderStubServer.lastRequest("extractor");
        assertThat(sent).contains("You extract lasting facts and preferences").contains("Said on 2024-05-08");
    }

    @Test
    void whenTheModelFailsThePatternsReadTheMessage() throws Exception {
        String user = Users.fresh("model-down");
        ProviderStubServer.setDown("extractor", true);
        try {
            String message = say(user, "I live in Madrid");

            Map<String, Object> lives = awaitMemory(user, "The user lives in Madrid");
            assertThat(lives.get("provenance"))
                    .isEqualTo(Map.of("sources", List.of(message), "provider", "moat", "model", "rules"));
        } finally {
            ProviderStubServer.setDown("extractor", false);
        }
    }
}
