package dev.moat.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.moat.support.ProviderStubServer;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /v1/chat with Accept: text/event-stream, through each provider's streaming protocol. */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
class ChatStreamingTest {

    private static String stream(Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .accept("text/event-stream")
                .body(body)
                .post("/v1/chat")
                .then()
                .statusCode(200)
                .contentType(containsString("text/event-stream"))
                .extract()
                .asString();
    }

    /** The concatenated data of the token events. */
    private static String tokens(String events) {
        StringBuilder text = new StringBuilder();
        for (String event : events.split("\n\n")) {
            if (event.startsWith("event: token\n")) {
                text.append(event.substring("event: token\ndata: ".length()));
            }
        }
        return text.toString();
    }

    @ParameterizedTest
    @CsvSource({
        "openai-stub, Your cat is called Pixel (openai stub).",
        "anthropic-stub, 'Pixel, as you told me (anthropic stub).'",
        "ollama-stub, The cat's name is Pixel (ollama stub).",
        "gemini-stub, You named your cat Pixel (gemini stub).",
    })
    void streamsTheProvidersTokensThenTheWholeReply(String provider, String reply) {
        String user = Users.fresh("stream");
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "I adopted a grey cat named Pixel"))
                .post("/v1/users/{u}/memories", user)
                .then()
                .statusCode(201);
        String events = stream(Map.of("userId", user, "message", "What is my cat called?", "provider", provider));
        assertThat(tokens(events)).isEqualTo(reply);
        String done = events.substring(events.indexOf("event: done\n"));
        assertThat(done)
                .contains("\"provider\":\"" + provider + "\"")
                .contains("I adopted a grey cat named Pixel")
                .contains("\"inputTokens\"");
    }

    @Test
    void theOfflineModelStreamsToo() {
        String events = stream(Map.of("userId", Users.fresh("offstream"), "message", "hello there"));
        assertThat(tokens(events)).startsWith("[Moat offline model");
        assertThat(events).contains("event: done\n").contains("\"provider\":\"offline\"");
    }

    @Test
    void aBadStreamingRequestGetsItsStatusNotAnEvent() {
        given().contentType(ContentType.JSON)
                .accept("text/event-stream")
                .body(Map.of("userId", Users.fresh("badstream"), "message", "hi", "provider", "nope"))
                .post("/v1/chat")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void failsOverBeforeTheFirstToken() {
        String events = stream(Map.of("userId", Users.fresh("streamfail"), "message", "hello", "provider", "flaky"));
        assertThat(tokens(events)).isEqualTo(ProviderStubServer.OPENAI_REPLY);
        assertThat(events).contains("\"provider\":\"openai-stub\"");
    }
}
