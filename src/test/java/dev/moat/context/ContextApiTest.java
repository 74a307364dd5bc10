package dev.moat.context;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.moat.provider.Tokens;
import dev.moat.support.MemoriesApi;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /v1/users/{u}/context: the prompt's memory block for a query, best first, within its token budget. */
@QuarkusTest
class ContextApiTest {

    private static JsonPath context(String user, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/users/{u}/context", user)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void theBlockHoldsTheBestMemoriesDatedAndWithinTheBudget() {
        String user = Users.fresh("context");
        MemoriesApi.add(user, Map.of("text", "My sister Greta lives in Tromso", "occurredAt", "2024-05-08T10:00:00Z"));
        MemoriesApi.add(
                user, Map.of("text", "I went hiking with Anna yesterday", "occurredAt", "2024-05-09T10:00:00Z"));
        for (int i = 0; i < 30; i++) {
            MemoriesApi.add(user, Map.of("text", "A note about the garden, number " + i + ", with tomatoes and basil"));
        }

        JsonPath full = context(user, Map.of("query", "Where does my sister live?"));
        String text = full.getString("context");
        assertThat(text)
                .startsWith(MemoryBlock.HEADER + "\n" + MemoryBlock.OPEN + "\n")
                .endsWith(MemoryBlock.CLOSE)
                .contains("- [2024-05-08] My sister Greta lives in Tromso");
        assertThat(full.getString("memories[0].text")).isEqualTo("My sister Greta lives in Tromso");
        assertThat(full.getDouble("memories[0].score")).isPositive();
        assertThat(full.getInt("tokens")).isEqualTo(Tokens.count(text)).isLessThanOrEqualTo(1_000);
        assertThat(full.getList("memories")).hasSizeGreaterThan(10);

        // "yesterday" is resolved in the block, as in a chat prompt
        assertThat(context(user, Map.of("query", "When did I go hiking with Anna?"))
                        .getString("context"))
                .contains("(yesterday: 8 May 2024)");

        JsonPath tight = context(user, Map.of("query", "Where does my sister live?", "maxTokens", 70));
        assertThat(tight.getInt("tokens")).isLessThanOrEqualTo(70).isEqualTo(Tokens.count(tight.getString("context")));
        List<String> kept = tight.getList("memories.id");
        List<String> all = full.getList("memories.id");
        assertThat(kept).isNotEmpty().isEqualTo(all.subList(0, kept.size())); // the best ones, in order

        JsonPath nothing = context(Users.fresh("context-empty"), Map.of("query", "anything"));
        assertThat(nothing.getString("context")).isEqualTo("Memories of this user: none yet.");
        assertThat(nothing.getList("memories")).isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithAProblem() {
        String user = Users.fresh("context-bad");
        for (Map<String, Object> body : List.of(
                Map.<String, Object>of("query", ""),
                Map.<String, Object>of("query", "x", "maxTokens", 5),
                Map.<String, Object>of("query", "x", "maxTokens", 1_000_000))) {
            given().contentType(ContentType.JSON)
                    .body(body)
                    .post("/v1/users/{u}/context", user)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString(body.containsKey("maxTokens") ? "maxTokens" : "query"));
        }
        given().contentType(ContentType.JSON)
                .body("{\"query\": 5, ")
                .post("/v1/users/{u}/context", user)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
