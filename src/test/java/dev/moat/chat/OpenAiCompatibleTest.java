package dev.moat.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.moat.support.ProviderStubServer;
import dev.moat.support.StreamedReply;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Moat's /v1 as OpenAI clients see it: LangChain4j's own OpenAI client pointed at Moat. */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
class OpenAiCompatibleTest {

    @TestHTTPResource("/v1")
    URL v1;

    private void remember(String user, String text) {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", text))
                .post("/v1/users/{u}/memories", user)
                .then()
                .statusCode(201);
    }

    /** LangChain4j's OpenAI client pointed at Moat's /v1, chatting as the user with the offline model. */
    private OpenAiChatModel clientOf(String user) {
        return OpenAiChatModel.builder()
                .baseUrl(v1.toString())
                .apiKey("unused")
                .modelName("offline")
                .user(user)
                .build();
    }

    @Test
    void anOpenAiClientGetsTheUsersMemory() {
        String user = Users.fresh("sdk");
        remember(user, "My sister Laura lives in Lisbon");
        OpenAiChatModel client = clientOf(user);
        ChatResponse response = client.chat(UserMessage.from("Where does Laura live?"));
        assertThat(response.aiMessage().text()).contains("offline model").contains("My sister Laura lives in Lisbon");
        assertThat(response.tokenUsage().inputTokenCount()).isPositive();
        assertThat(response.modelName()).isEqualTo("offline/moat-offline-extractive");
    }

    /**
     * Read your own writes through chat: what a user said in one completion is found by the next, at once. Chat messages
     * skip the wait to be searchable; the search of that same user waits for them (LuceneMemoryIndex.awaitPending).
     */
    @Test
    void theNextCompletionFindsWhatThePreviousOneSaid() {
        for (int pair = 0; pair < 5; pair++) {
            OpenAiChatModel client = clientOf(Users.fresh("ryow"));
            client.chat(UserMessage.from("My sister Greta lives in Tromso."));
            assertThat(client.chat(UserMessage.from("Where does my sister live?"))
                            .aiMessage()
                            .text())
                    .as("pair %d", pair)
                    .contains("My sister Greta lives in Tromso.");
        }
    }

    @Test
    void aStreamingOpenAiClientGetsTheSameReplyInPieces() throws Exception {
        String user = Users.fresh("sdkstream");
        remember(user, "I adopted a grey cat named Pixel");
        OpenAiStreamingChatModel client = OpenAiStreamingChatModel.builder()
                .baseUrl(v1.toString())
                .apiKey("unused")
                .modelName("openai-stub")
                .customHeaders(Map.of("X-Moat-User", user))
                .build();
        StreamedReply streamed = StreamedReply.of(client, List.of(UserMessage.from("What is my cat called?")));
        ChatResponse response = streamed.response();
        assertThat(streamed.pieces()).isEqualTo(ProviderStubServer.OPENAI_REPLY);
        assertThat(response.aiMessage().text()).isEqualTo(ProviderStubServer.OPENAI_REPLY);
        // The stub received the user's memory in the prompt Moat built.
        assertThat(ProviderStubServer.lastRequest("openai")).contains("I adopted a grey cat named Pixel");
    }

    @Test
    void providerSlashModelPicksAnotherModelOfTheProvider() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "model", "openai-stub/gpt-other",
                        "user", Users.fresh("model"),
                        "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .body("choices[0].message.content", equalTo(ProviderStubServer.OPENAI_REPLY));
        assertThat(ProviderStubServer.lastRequest("openai")).contains("\"gpt-other\"");
    }

    @Test
    void listsProvidersAsModels() {
        given().get("/v1/models")
                .then()
                .statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItem("offline"))
                .body("data.id", hasItem("gemini-stub"));
    }

    @Test
    void refusesMalformedRequestsWithProblems() {
        String user = Users.fresh("badsdk");
        given().contentType(ContentType.JSON)
                .body("{\"model\": \"offline\", \"messages\": ")
                .post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("model", "offline", "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("detail", containsString("X-Moat-User"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "model", "nope", "user", user, "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("detail", containsString("nope"));
        given().contentType(ContentType.JSON)
                .body(Map.of("model", "offline", "user", user, "messages", List.of()))
                .post("/v1/chat/completions")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "model",
                        "offline",
                        "user",
                        user,
                        "messages",
                        List.of(Map.of("role", "assistant", "content", "I speak last"))))
                .post("/v1/chat/completions")
                .then()
                .statusCode(400)
                .body("detail", containsString("user message"));
        given().get("/v1/users/{u}/stats", user).then().body("total", equalTo(0));
    }
}
