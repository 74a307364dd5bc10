package dev.moat.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.moat.support.MemoriesApi;
import dev.moat.support.PersistenceTest;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A memory is found by the turn it answered (its context, taken from its session or given by its writer) and by the
 * dates its relative expressions name.
 */
@QuarkusTest
@PersistenceTest
class MemoryContextTest {

    private static String add(String user, Map<String, Object> body) {
        return MemoriesApi.add(user, body);
    }

    private static String contextOf(String user, String id) {
        return given().get("/v1/users/{u}/memories/{id}", user, id)
                .then()
                .statusCode(200)
                .extract()
                .path("context");
    }

    @Test
    void aMemoryInASessionAnswersTheOneBeforeIt() {
        String user = Users.fresh("ctx");
        String first = add(user, Map.of("text", "Lena: Have you ever been to Japan?", "sessionId", "s1"));
        String second = add(user, Map.of("text", "Tom: Yes, twice, last spring!", "sessionId", "s1"));
        String elsewhere = add(user, Map.of("text", "Tom: Good morning", "sessionId", "s2"));
        String loose = add(user, Map.of("text", "Tom likes tea"));

        assertThat(contextOf(user, first)).isNull();
        assertThat(contextOf(user, second)).isEqualTo("Lena: Have you ever been to Japan?");
        assertThat(contextOf(user, elsewhere)).isNull();
        assertThat(contextOf(user, loose)).isNull();
    }

    @Test
    void aBatchChainsItsTurnsAndAGivenContextWins() {
        String user = Users.fresh("ctxbatch");
        List<String> ids = given().contentType(ContentType.JSON)
                .body(List.of(
                        Map.of("text", "one", "sessionId", "s"),
                        Map.of("text", "two", "sessionId", "s"),
                        Map.of("text", "three", "sessionId", "s", "context", "  what the writer says it answered "),
                        Map.of("text", "four", "sessionId", "s")))
                .post("/v1/users/{u}/memories/batch", user)
                .then()
                .statusCode(201)
                .extract()
                .path("ids");

        assertThat(contextOf(user, ids.get(0))).isNull();
        assertThat(contextOf(user, ids.get(1))).isEqualTo("one");
        assertThat(contextOf(user, ids.get(2))).isEqualTo("what the writer says it answered");
        assertThat(contextOf(user, ids.get(3))).isEqualTo("three");
    }

    @Test
    void aLongContextIsCutAtAWord() {
        String user = Users.fresh("ctxlong");
        String id = add(user, Map.of("text", "ok", "context", "word ".repeat(400)));

        String context = contextOf(user, id);
        assertThat(context)
                .hasSizeLessThanOrEqualTo(MemoryLimits.MAX_CONTEXT_CHARS)
                .endsWith("word");
        assertThat(MemoryLimits.clipContext("x".repeat(1500))).hasSize(MemoryLimits.MAX_CONTEXT_CHARS);
        assertThat(MemoryLimits.clipContext(" \t")).isNull();
    }

    @Test
    void aQuestionAboutTheExchangeFindsTheAnswerThroughItsContext() {
        String user = Users.fresh("ctxsearch");
        add(user, Map.of("text", "Lena: Which instrument did your grandfather play?", "sessionId", "s1"));
        String answer = add(user, Map.of("text", "Tom: The accordion, every Sunday.", "sessionId", "s1"));
        add(user, Map.of("text", "Tom: The bakery opens at seven.", "sessionId", "s2"));
        add(user, Map.of("text", "Tom: Sunday is market day.", "sessionId", "s3"));

        given().contentType(ContentType.JSON)
                .body(Map.of("query", "grandfather instrument", "k", 2))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                .body("hits.memory.id", hasItem(answer))
                // BM25 matched the context: the answer's own text shares no word with the query
                .body("hits.find { it.memory.id == '" + answer + "' }.ranks.bm25", equalTo(2));
    }

    @Test
    void aQuestionNamingAMonthFindsWhatHappenedThenSaidLater() {
        String user = Users.fresh("ctxwhen");
        String hurt = add(
                user,
                Map.of("text", "I got hurt last month and had to take a break", "occurredAt", "2023-11-20T10:00:00Z"));
        add(user, Map.of("text", "The garden needs water", "occurredAt", "2023-10-05T10:00:00Z"));

        given().contentType(ContentType.JSON)
                .body(Map.of("query", "what happened in October 2023", "k", 2))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                // "last month" said on 20 November is October 2023: BM25 matches the resolved date
                .body("hits[0].memory.id", equalTo(hurt))
                .body("hits[0].ranks.bm25", equalTo(1));
    }

    @Test
    void aChatMessageAnswersTheAssistantsLastReply() {
        String user = Users.fresh("ctxchat");
        var first = given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "message", "Remind me what I planned for the weekend"))
                .post("/v1/chat")
                .then()
                .statusCode(200)
                .extract();
        String session = first.path("sessionId");
        String reply = first.path("reply");
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "sessionId", session, "message", "Yes, the hike with Ada"))
                .post("/v1/chat")
                .then()
                .statusCode(200);

        given().get("/v1/users/{u}/memories", user)
                .then()
                .statusCode(200)
                .body("items.find { it.text == 'Yes, the hike with Ada' }.context", equalTo(reply.strip()))
                .body("items.find { it.text == 'Remind me what I planned for the weekend' }.context", nullValue());
    }
}
