package dev.moat.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.moat.support.MemoriesApi;
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

/** Moat's /v1/messages as Anthropic clients see it: LangChain4j's own Anthropic client pointed at Moat. */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
class AnthropicMessagesTest {

    @TestHTTPResource("/v1/")
    URL v1;

    private AnthropicChatModel clientOf(String user, String model) {
        return AnthropicChatModel.builder()
                .baseUrl(v1.toString())
                .apiKey("unused")
                .modelName(model)
                .userId(user)
                .maxTokens(256)
                .build();
    }

    @Test
    void anAnthropicClientGetsTheUsersMemory() {
        String user = Users.fresh("anthropic-sdk");
        MemoriesApi.add(user, Map.of("text", "My sister Laura lives in Lisbon"));
        ChatResponse response = clientOf(user, "offline")
                .chat(SystemMessage.from("Answer briefly."), UserMessage.from("Where does Laura live?"));
        assertThat(response.aiMessage().text()).contains("offline model").contains("My sister Laura lives in Lisbon");
        assertThat(response.tokenUsage().inputTokenCount()).isPositive();
        assertThat(response.modelName()).isEqualTo("offline/moat-offline-extractive");
        // the turn is remembered for the user, like any chat
        assertThat(MemoriesApi.withText(user, "Where does Laura live?")).isPresent();
    }

    @Test
    void aStreamingAnthropicClientGetsTheProvidersReplyInPieces() throws Exception {
        String user = Users.fresh("anthropic-stream");
        MemoriesApi.add(user, Map.of("text", "I adopted a grey cat named Pixel"));
        AnthropicStreamingChatModel client = AnthropicStreamingChatModel.builder()
                .baseUrl(v1.toString())
                .apiKey("unused")
                .modelName("openai-stub")
                .userId(user)
                .maxTokens(256)
                .build();
        StreamedReply streamed = StreamedReply.of(client, List.of(UserMessage.from("What is my cat called?")));
        ChatResponse response = streamed.response();
        assertThat(streamed.pieces()).isEqualTo(ProviderStubServer.OPENAI_REPLY);
        assertThat(response.aiMessage().text()).isEqualTo(ProviderStubServer.OPENAI_REPLY);
        assertThat(response.tokenUsage().outputTokenCount()).isPositive();
        assertThat(ProviderStubServer.lastRequest("openai")).contains("I adopted a grey cat named Pixel");
    }

    @Test
    void theStreamSendsAnthropicsEventsInOrder() {
        String user = Users.fresh("anthropic-events");
        String body = given().contentType(ContentType.JSON)
                .header("X-Moat-User", user)
                .body(Map.of(
                        "model",
                        "offline",
                        "max_tokens",
                        100,
                        "stream",
                        true,
                        "messages",
                        List.of(Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "hello"))))))
                .post("/v1/messages")
                .then()
                .statusCode(200)
                .contentType(containsString("text/event-stream"))
                .extract()
                .asString();
        List<String> events = body.lines()
                .filter(l -> l.startsWith("event: "))
                .map(l -> l.substring(7))
                .distinct()
                .toList();
        assertThat(events)
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "ping",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        assertThat(body).contains("\"stop_reason\":\"end_turn\"").contains("\"type\":\"text_delta\"");
    }

    @Test
    void refusesMalformedRequestsWithProblems() {
        String user = Users.fresh("anthropic-bad");
        List<Map<String, Object>> hi = List.of(Map.of("role", "user", "content", "hi"));
        record Bad(Map<String, Object> body, String says) {}
        for (Bad bad : List.of(
                new Bad(Map.of("model", "offline", "max_tokens", 10, "messages", hi), "metadata.user_id"),
                new Bad(Map.of("model", "offline", "metadata", Map.of("user_id", user), "messages", hi), "max_tokens"),
                new Bad(
                        Map.of("model", "nope", "max_tokens", 10, "metadata", Map.of("user_id", user), "messages", hi),
                        "nope"),
                new Bad(
                        Map.of(
                                "model",
                                "offline",
                                "max_tokens",
                                10,
                                "metadata",
                                Map.of("user_id", user),
                                "messages",
                                List.of(Map.of("role", "assistant", "content", "prefill"))),
                        "user message"),
                new Bad(
                        Map.of(
                                "model",
                                "offline",
                                "max_tokens",
                                10,
                                "metadata",
                                Map.of("user_id", user),
                                "messages",
                                List.of(
                                        Map.of("role", "system", "content", "x"),
                                        Map.of("role", "user", "content", "hi"))),
                        "'system'"))) {
            given().contentType(ContentType.JSON)
                    .body(bad.body())
                    .post("/v1/messages")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString(bad.says()));
        }
        given().get("/v1/users/{u}/stats", user).then().body("total", equalTo(0));
    }
}
