package dev.moat.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import dev.moat.support.MemoriesApi;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Retrieval on a small fixed corpus: which memories come back (sets), then in which order (ranks). */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchTest {

    /** An assistant's advice and the user's own words, for the speaker prior's cases. */
    private static final String ADVICE =
            "assistant: To unwind after work you could try running, yoga or a pottery class";

    private static final String OWN = "I took up pottery to relax in the evenings";

    private static final List<Map<String, Object>> CORPUS = List.of(
            Map.of(
                    "text",
                    "I adopted a golden retriever puppy named Biscuit",
                    "kind",
                    "fact",
                    "occurredAt",
                    "2024-01-10T09:00:00Z"),
            Map.of(
                    "text",
                    "My favourite food is spicy Thai green curry",
                    "kind",
                    "preference",
                    "occurredAt",
                    "2024-02-11T09:00:00Z"),
            Map.of(
                    "text",
                    "I started training for the Berlin marathon in September",
                    "kind",
                    "message",
                    "occurredAt",
                    "2024-03-12T09:00:00Z"),
            Map.of(
                    "text",
                    "My sister Laura lives in Toronto and works as a nurse",
                    "kind",
                    "fact",
                    "occurredAt",
                    "2024-04-13T09:00:00Z"),
            Map.of(
                    "text",
                    "I prefer window seats when I fly",
                    "kind",
                    "preference",
                    "occurredAt",
                    "2024-05-14T09:00:00Z"),
            Map.of(
                    "text",
                    "Booked a pottery class for next Saturday afternoon",
                    "kind",
                    "note",
                    "occurredAt",
                    "2024-06-15T09:00:00Z"));

    private final String user = Users.fresh("search");
    private boolean loaded;

    @BeforeEach
    void loadCorpusOnce() {
        if (loaded) {
            return;
        }
        loaded = true;
        given().contentType(ContentType.JSON)
                .body(CORPUS)
                .post("/v1/users/{u}/memories/batch", user)
                .then()
                .statusCode(201);
    }

    private List<String> texts(Map<String, Object> request) {
        return given().contentType(ContentType.JSON)
                .body(request)
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                .extract()
                .path("hits.memory.text");
    }

    /** A fresh user holding these memories. */
    private static String userWith(String... texts) {
        String owner = Users.fresh("speakers");
        given().contentType(ContentType.JSON)
                .body(Arrays.stream(texts).map(t -> Map.of("text", t)).toList())
                .post("/v1/users/{u}/memories/batch", owner)
                .then()
                .statusCode(201);
        return owner;
    }

    @Test
    void aQuestionAboutSomeoneFindsWhatTheySaidFirst() {
        String asked = "Caroline: Melanie, what do you do to destress after a long week?";
        String answered = "Melanie: Pottery class has been my therapy lately, and I run in the mornings";
        String transcript = userWith(asked, answered, "Caroline: I went to a support group meeting on Friday");

        // The question names Melanie: her answer outranks Caroline's question, which shares more of its words.
        assertThat(best(transcript, "What does Melanie do to destress?")).isEqualTo(answered);
        // A question about no one ranks as the retrievers fuse it.
        assertThat(best(transcript, "what to do to destress after a long week")).isEqualTo(asked);
    }

    @Test
    void aQuestionInTheFirstPersonFindsTheUsersOwnWordsFirst() {
        String chat = userWith(ADVICE, OWN);

        assertThat(best(chat, "What do I do to unwind after work?")).isEqualTo(OWN);
        assertThat(best(chat, "ways to unwind after work")).isEqualTo(ADVICE);
    }

    @Test
    void aQuestionAboutWhatYouSaidOrForASummaryCountsTheAssistantsWordsToo() {
        String chat = userWith(ADVICE, OWN);

        // "you" is the assistant: the question is about both, and ranks as fused (the advice shares more words)
        assertThat(best(chat, "What did you suggest I do to unwind after work?"))
                .isEqualTo(ADVICE);
        // a summary is of everyone's words, though it asks in the first person
        assertThat(best(chat, "Can you summarize what I do to unwind after work?"))
                .isEqualTo(ADVICE);
    }

    /** The text of the user's best hit for the query. */
    private static String best(String user, String query) {
        List<String> found = MemoriesApi.searchTexts(user, query, 3);
        assertThat(found).isNotEmpty();
        return found.get(0);
    }

    @Test
    void findsTheMemoryThatAnswersTheQuestion() {
        assertThat(texts(Map.of("query", "what is the name of my dog?", "k", 1)))
                .containsExactly("I adopted a golden retriever puppy named Biscuit");
        assertThat(texts(Map.of("query", "which city does Laura live in", "k", 1)))
                .containsExactly("My sister Laura lives in Toronto and works as a nurse");
        assertThat(texts(Map.of("query", "running a race", "k", 1)))
                .containsExactly("I started training for the Berlin marathon in September");
    }

    @Test
    void ranksTheExactMatchAboveTheMerelyRelated() {
        List<String> ranked = texts(Map.of("query", "favourite food curry", "k", 6));
        assertThat(ranked).hasSize(6);
        assertThat(ranked.get(0)).isEqualTo("My favourite food is spicy Thai green curry");
    }

    @Test
    void returnsKHitsWithScoresAndRanks() {
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "sister nurse Toronto", "k", 3))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                .body("hits", hasSize(3))
                .body("hits[0].ranks.bm25", equalTo(1))
                .body("hits[0].memory.userId", equalTo(user))
                .body("tookMs", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
    }

    @Test
    void filtersByKindAndTime() {
        assertThat(texts(Map.of("query", "I prefer favourite", "kinds", List.of("preference"))))
                .containsExactlyInAnyOrder(
                        "My favourite food is spicy Thai green curry", "I prefer window seats when I fly");
        assertThat(texts(Map.of(
                        "query", "anything at all",
                        "from", "2024-03-01T00:00:00Z",
                        "to", "2024-04-30T00:00:00Z")))
                .containsExactlyInAnyOrder(
                        "I started training for the Berlin marathon in September",
                        // the fact extraction drew from that message, at its time
                        "The user started training for the Berlin marathon in September",
                        "My sister Laura lives in Toronto and works as a nurse");
    }

    @Test
    void defaultsToTenHitsAtMost() {
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "I"))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                .body("hits", hasSize(CORPUS.size() + 1)) // and the fact drawn from the marathon message
                .body("hits.memory.userId", everyItem(equalTo(user)));
    }
}
