package dev.moat.extraction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.support.MemoriesApi;
import dev.moat.support.PersistenceTest;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Facts drawn from messages through the API: their source, merged repeats, and a newer fact superseding. */
@QuarkusTest
@PersistenceTest
@io.quarkus.test.common.QuarkusTestResource(dev.moat.support.ProviderStubServer.class)
class ExtractionApiTest {

    private static String say(String user, String text, String at) {
        return MemoriesApi.add(user, Map.of("text", text, "occurredAt", at));
    }

    private static Map<String, Object> fact(String user, String text) {
        return MemoriesApi.withText(user, text).orElseThrow(() -> new AssertionError("no memory '" + text + "'"));
    }

    @Test
    void anAssistantsReplyIsNotReadAsTheUsersWords() {
        String user = Users.fresh("asst");
        say(user, "assistant: I live in Porto and I prefer concise answers", "2024-05-01T10:00:00Z");
        say(user, "I live in Lisbon", "2024-05-01T10:01:00Z");

        assertThat(MemoriesApi.withText(user, "The user lives in Lisbon")).isPresent();
        assertThat(MemoriesApi.withText(user, "The user lives in Porto")).isEmpty();
        assertThat(MemoriesApi.withText(user, "The user prefers concise answers"))
                .isEmpty();
    }

    @Test
    void aNewerFactSupersedesTheOlderWhichKeepsItsHistory() {
        String user = Users.fresh("extract");
        String boston = say(user, "I live in Boston these days", "2023-01-10T09:00:00Z");

        Map<String, Object> first = fact(user, "The user lives in Boston");
        assertThat(first.get("kind")).isEqualTo("fact");
        assertThat(first.get("slot")).isEqualTo("the user|lives in");
        assertThat(first.get("provenance"))
                .isEqualTo(Map.of("sources", List.of(boston), "provider", "moat", "model", "rules"));
        assertThat(first.get("validTo")).isNull();

        String denver = say(user, "Big news: I moved to Denver!", "2023-06-01T09:00:00Z");

        Map<String, Object> old = fact(user, "The user lives in Boston");
        Map<String, Object> current = fact(user, "The user lives in Denver");
        assertThat(old.get("validTo")).isEqualTo("2023-06-01T09:00:00Z");
        assertThat(current.get("validTo")).isNull();
        assertThat(current.get("provenance"))
                .isEqualTo(Map.of("sources", List.of(denver), "provider", "moat", "model", "rules"));
        // never a silent delete: the old fact is there, its history says when it stopped holding
        given().get("/v1/users/{u}/memories/{id}/history", user, old.get("id"))
                .then()
                .statusCode(200)
                .body("events.type", org.hamcrest.Matchers.contains("ADD", "UPDATE"))
                .body("events[1].after.validTo", org.hamcrest.Matchers.equalTo("2023-06-01T09:00:00Z"));

        // The model is told which fact no longer holds.
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "message", "Where do I live, Boston?", "provider", "openai-stub"))
                .post("/v1/chat")
                .then()
                .statusCode(200);
        assertThat(dev.moat.support.ProviderStubServer.lastRequest("openai"))
                .contains("The user lives in Boston (no longer so since 2023-06-01)")
                .contains("The user lives in Denver");

        // Said again: one more source of the fact that holds, not a second fact.
        String again = say(user, "I live in Denver now", "2023-07-01T09:00:00Z");
        Map<String, Object> merged = fact(user, "The user lives in Denver");
        assertThat(merged.get("id")).isEqualTo(current.get("id"));
        assertThat(((Map<?, ?>) merged.get("provenance")).get("sources")).isEqualTo(List.of(denver, again));

        // Said before the fact that holds (an import out of order): kept as history, superseded at once.
        say(user, "I live in Austin", "2022-05-01T09:00:00Z");
        assertThat(fact(user, "The user lives in Austin").get("validTo")).isEqualTo("2023-06-01T09:00:00Z");
        assertThat(fact(user, "The user lives in Denver").get("validTo")).isNull();
    }

    @Test
    void factsAreFoundBySearchAndStandForTheirMessage() {
        String user = Users.fresh("extractsearch");
        String message = say(user, "Ana: yesterday I signed up for a pottery class", "2023-05-08T13:56:00Z");

        Map<String, Object> drawn = fact(user, "Ana signed up for a pottery class (7 May 2023)");
        assertThat(drawn.get("occurredAt")).isEqualTo("2023-05-07T00:00:00Z");
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "When did Ana sign up for pottery?", "k", 2))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                .body("hits.memory.id", org.hamcrest.Matchers.containsInAnyOrder(message, drawn.get("id")));
    }
}
