package dev.moat.portability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ChatGPT's and Claude's conversations.json become sessions and message memories (fixtures in test resources). */
@QuarkusTest
class ForeignExportImportTest {

    @Inject
    ObjectMapper mapper;

    /** A file of src/test/resources/portability. */
    static String fixture(String name) throws IOException {
        try (InputStream in = ForeignExportImportTest.class.getResourceAsStream("/portability/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode importing(String user, String format, String body, int status) {
        return given().contentType(ContentType.JSON)
                .queryParam("format", format)
                .body(body)
                .post("/v1/users/{u}/import", user)
                .then()
                .statusCode(status)
                .extract()
                .as(JsonNode.class);
    }

    private JsonNode export(String user) throws IOException {
        return mapper.readTree(given().get("/v1/users/{u}/export", user)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static List<String> texts(JsonNode array, String field) {
        return array.findValuesAsText(field);
    }

    @Test
    void chatGptConversationsFollowTheBranchTheUserLastSaw() throws IOException {
        String user = Users.fresh("chatgpt");
        JsonNode result = importing(user, "chatgpt", fixture("chatgpt-conversations.json"), 200);
        assertThat(result.get("sessionsAdded").asInt()).isEqualTo(2);
        assertThat(result.get("memoriesAdded").asInt()).isEqualTo(3);

        JsonNode passport = export(user);
        List<String> memories = texts(passport.get("memories"), "text");
        assertThat(memories)
                .containsExactly(
                        "My sourdough starter smells like nail polish remover, is it dead?",
                        "Here is a photo of the jar; I keep it on top of the fridge.",
                        "I am flying to Lisbon in October and I am vegetarian; where should I eat?");
        // The edited-away branch, the system message, the tool output and the image are not the user's words.
        assertThat(passport.toString()).doesNotContain("rye flour", "search results", "file-service");
        JsonNode sourdough = passport.get("sessions").get(0);
        assertThat(texts(sourdough.get("messages"), "role")).containsExactly("user", "assistant", "user", "assistant");
        assertThat(sourdough.at("/messages/1/provider").asText()).isEqualTo("chatgpt");
        assertThat(sourdough.at("/messages/1/model").asText()).isEqualTo("gpt-4o");
        assertThat(sourdough.at("/messages/0/at").asText()).isEqualTo("2024-05-01T10:21:00.250Z");
        assertThat(passport.at("/memories/0/metadata/conversation").asText()).isEqualTo("Sourdough troubleshooting");

        given().contentType(ContentType.JSON)
                .body(Map.of("query", "where do I keep the sourdough jar"))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                .body("hits[0].memory.text", containsString("top of the fridge"));
    }

    @Test
    void claudeConversationsBecomeSessionsAndImportingThemAgainAddsNothing() throws IOException {
        String user = Users.fresh("claude");
        String body = fixture("claude-conversations.json");
        JsonNode first = importing(user, "claude", body, 200);
        assertThat(first.get("sessionsAdded").asInt()).isEqualTo(2);
        assertThat(first.get("memoriesAdded").asInt()).isEqualTo(3);
        assertThat(first.get("messagesAdded").asInt()).isEqualTo(4);

        JsonNode passport = export(user);
        JsonNode marathon = passport.get("sessions").get(0);
        // An empty text falls back to the message's text blocks.
        assertThat(marathon.at("/messages/1/text").asText())
                .isEqualTo("Downhill running loads the knee;\nshorten your stride on descents.");
        assertThat(marathon.at("/messages/1/provider").asText()).isEqualTo("claude");
        assertThat(marathon.get("createdAt").asText()).isEqualTo("2024-03-02T08:15:00Z");
        assertThat(texts(passport.get("memories"), "text"))
                .contains("My race is the Berlin marathon at the end of September.");

        JsonNode again = importing(user, "claude", body, 200);
        assertThat(again.get("memoriesAdded").asInt()).isZero();
        assertThat(again.get("sessionsAdded").asInt()).isZero();
        assertThat(again.get("messagesAdded").asInt()).isZero();
    }

    @Test
    void aMalformedExportIsRefusedWithThePathOfTheProblem() {
        String user = Users.fresh("claude-bad");
        given().contentType(ContentType.JSON)
                .queryParam("format", "claude")
                .body("[{\"uuid\": \"c1\", \"chat_messages\": [{\"uuid\": \"m1\", \"sender\": \"robot\","
                        + " \"created_at\": \"2024-01-01T00:00:00Z\"}]}]")
                .post("/v1/users/{u}/import", user)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("$[0].chat_messages[0].sender"));
        given().contentType(ContentType.JSON)
                .queryParam("format", "chatgpt")
                .body("[{\"id\": \"c1\", \"current_node\": \"x\", \"mapping\": {}}]")
                .post("/v1/users/{u}/import", user)
                .then()
                .statusCode(400)
                .body("detail", containsString("node 'x' is named but missing"));
        given().get("/v1/users/{u}/memories", user).then().statusCode(200).body("items.size()", equalTo(0));
    }
}
