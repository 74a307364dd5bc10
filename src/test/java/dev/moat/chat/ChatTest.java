package dev.moat.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.moat.support.ProviderStubServer;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chat through the real LangChain4j clients against stub servers speaking each provider's protocol. */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
class ChatTest {

    private static void remember(String user, String text) {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", text, "occurredAt", "2024-05-08T13:56:00Z"))
                .post("/v1/users/{u}/memories", user)
                .then()
                .statusCode(201);
    }

    private static ValidatableResponse chat(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/chat").then();
    }

    @ParameterizedTest
    @CsvSource({
        "openai-stub, openai, gpt-stub, 120, 12",
        "anthropic-stub, anthropic, claude-stub, 130, 9",
        "ollama-stub, ollama, llama-stub, 140, 8",
        "gemini-stub, gemini, gemini-stub, 150, 10"
    })
    void sendsTheUsersMemoriesToTheProviderAndParsesItsReply(
            String provider, String stub, String model, int input, int output) {
        String user = Users.fresh("chat");
        remember(user, "I adopted a grey cat named Pixel");
        chat(Map.of("userId", user, "message", "What is my cat called?", "provider", provider))
                .statusCode(200)
                .body("provider", equalTo(provider))
                .body("model", equalTo(model))
                .body("reply", containsString("Pixel"))
                .body("memories.text", hasItem("I adopted a grey cat named Pixel"))
                .body("memories.text", not(hasItem("What is my cat called?")))
                .body("usage.inputTokens", equalTo(input))
                .body("usage.outputTokens", equalTo(output));
        String sent = ProviderStubServer.lastRequest(stub);
        assertThat(sent)
                .contains("[2024-05-08] I adopted a grey cat named Pixel")
                .contains("What is my cat called?");
    }

    @Test
    void relativeTimeInAMemoryReachesTheModelAsADate() {
        String user = Users.fresh("when");
        remember(user, "I ran my first half marathon yesterday");
        given().get("/v1/users/{u}/memories", user)
                .then()
                .statusCode(200)
                .body("items[0].when[0].expression", equalTo("yesterday"))
                .body("items[0].when[0].from", equalTo("2024-05-07"))
                .body("items[0].when[0].label", equalTo("7 May 2024"));

        chat(Map.of("userId", user, "message", "When did I run a half marathon?", "provider", "openai-stub"))
                .statusCode(200)
                .body("memories.text", hasItem("I ran my first half marathon yesterday"));
        assertThat(ProviderStubServer.lastRequest("openai"))
                .contains("[2024-05-08] I ran my first half marathon yesterday (yesterday: 7 May 2024)");
    }

    @Test
    void pricesTheCallFromTheConfiguredRates() {
        // openai-stub: 120 input tokens at 2.5 USD/Mtok, 12 output tokens at 10 USD/Mtok.
        double cost = chat(Map.of("userId", Users.fresh("cost"), "message", "hello", "provider", "openai-stub"))
                .statusCode(200)
                .extract()
                .jsonPath()
                .getDouble("usage.costUsd");
        assertThat(cost).isCloseTo(120 * 2.5e-6 + 12 * 10e-6, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theOfflineModelAnswersFromMemoriesAndSaysWhatItIs() {
        String user = Users.fresh("offline");
        remember(user, "My sister Laura lives in Lisbon");
        chat(Map.of("userId", user, "message", "Where does Laura live?"))
                .statusCode(200)
                .body("provider", equalTo("offline"))
                .body("reply", containsString("offline model"))
                .body("reply", containsString("[2024-05-08] My sister Laura lives in Lisbon"))
                .body("usage.inputTokens", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void aPinnedProviderTakesTheUsersNextChat() {
        String user = Users.fresh("pin");
        remember(user, "I adopted a grey cat named Pixel");
        chat(Map.of("userId", user, "message", "What is my cat called?")).body("provider", equalTo("offline"));
        given().contentType(ContentType.JSON)
                .body(Map.of("provider", "anthropic-stub"))
                .put("/v1/users/{u}/provider", user)
                .then()
                .statusCode(200)
                .body("effective", equalTo("anthropic-stub"));
        chat(Map.of("userId", user, "message", "What is my cat called?"))
                .body("provider", equalTo("anthropic-stub"))
                .body("memories.text", hasItem("I adopted a grey cat named Pixel"));
    }

    @Test
    void pinningAndWritingANewUserAtOnceBothSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            String user = Users.fresh("pinrace");
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                var pin = pool.submit(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("provider", "offline"))
                        .put("/v1/users/{u}/provider", user)
                        .statusCode());
                var add = pool.submit(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("text", "first words"))
                        .post("/v1/users/{u}/memories", user)
                        .statusCode());
                assertThat(pin.get()).isEqualTo(200);
                assertThat(add.get()).isEqualTo(201);
            } finally {
                pool.shutdownNow();
            }
            given().get("/v1/users/{u}/provider", user).then().body("pinned", equalTo("offline"));
        }
    }

    @Test
    void failsOverToTheFallbackOnA503() {
        chat(Map.of("userId", Users.fresh("failover"), "message", "hello", "provider", "flaky"))
                .statusCode(200)
                .body("provider", equalTo("openai-stub"))
                .body("reply", equalTo(ProviderStubServer.OPENAI_REPLY));
        given().get("/v1/providers")
                .then()
                .body("providers.find { it.name == 'flaky' }.lastCall", equalTo("error"))
                .body("providers.find { it.name == 'openai-stub' }.lastCall", equalTo("ok"));
    }

    @Test
    void failsOverToTheFallbackWhenAProviderTimesOut() {
        chat(Map.of("userId", Users.fresh("timeout"), "message", "hello", "provider", "slow"))
                .statusCode(200)
                .body("provider", equalTo("openai-stub"));
    }

    @Test
    void answers502WhenEveryProviderFailsAndKeepsTheMessage() {
        String user = Users.fresh("outage");
        ProviderStubServer.setDown("openai", true);
        try {
            chat(Map.of("userId", user, "message", "remember the blue umbrella", "provider", "flaky"))
                    .statusCode(502)
                    .contentType("application/problem+json")
                    .body("detail", containsString("flaky, openai-stub"));
        } finally {
            ProviderStubServer.setDown("openai", false);
        }
        given().get("/v1/users/{u}/memories", user)
                .then()
                .statusCode(200)
                .body("items.text", equalTo(java.util.List.of("remember the blue umbrella")));
    }

    @Test
    void keepsTheTranscriptOfASession() {
        String user = Users.fresh("session");
        String session = chat(Map.of("userId", user, "message", "first message"))
                .statusCode(200)
                .extract()
                .path("sessionId");
        chat(Map.of("userId", user, "message", "second message", "sessionId", session))
                .statusCode(200)
                .body("sessionId", equalTo(session));
        given().get("/v1/users/{u}/sessions", user).then().body("sessions", hasSize(1));
        given().get("/v1/users/{u}/sessions/{s}", user, session)
                .then()
                .statusCode(200)
                .body("messages.role", equalTo(java.util.List.of("user", "assistant", "user", "assistant")))
                .body("messages[2].text", equalTo("second message"))
                .body("messages[3].provider", equalTo("offline"));
        given().get("/v1/users/{u}/sessions/{s}", Users.fresh("other"), session)
                .then()
                .statusCode(404);
    }

    @Test
    void forgettingAUserDeletesTheirSessionsToo() {
        String user = Users.fresh("forgetchat");
        String session = chat(Map.of("userId", user, "message", "my secret plan"))
                .extract()
                .path("sessionId");
        given().delete("/v1/users/{u}", user).then().statusCode(204);
        given().get("/v1/users/{u}/sessions", user).then().body("sessions", hasSize(0));
        given().get("/v1/users/{u}/sessions/{s}", user, session).then().statusCode(404);
        given().get("/v1/users/{u}/stats", user).then().body("total", equalTo(0));
    }

    @Test
    void listsProvidersWithoutTheirKeys() {
        String body =
                given().get("/v1/providers").then().statusCode(200).extract().asString();
        assertThat(body)
                .contains("\"openai-stub\"", "\"anthropic\"", "gpt-stub")
                .doesNotContain("test-key");
    }

    @Test
    void refusesBadChatsWithProblems() {
        String user = Users.fresh("badchat");
        chat(Map.of("userId", user, "message", "")).statusCode(400).contentType("application/problem+json");
        chat(Map.of("userId", user, "message", "hi", "provider", "nope"))
                .statusCode(400)
                .body("detail", containsString("nope"));
        chat(Map.of("userId", user, "message", "hi", "sessionId", "no-such-session"))
                .statusCode(404)
                .body("detail", containsString("no-such-session"));
        chat(Map.of("message", "hi")).statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{\"userId\": ")
                .post("/v1/chat")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of("provider", "nope"))
                .put("/v1/users/{u}/provider", user)
                .then()
                .statusCode(400);
        // Refused before anything was stored.
        given().get("/v1/users/{u}/stats", user).then().body("total", equalTo(0));
    }
}
