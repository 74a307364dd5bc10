package dev.moat.portability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.support.MemoriesApi;
import dev.moat.support.PersistenceTest;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Export and import of the memory passport over HTTP, on the configured database. */
@QuarkusTest
@PersistenceTest
class PassportTest {

    @Inject
    ObjectMapper mapper;

    @Inject
    DocumentValidator validator;

    /** A user with two chat sessions, a fact drawn from a message, an edited note and a deleted memory. */
    private static String userWithHistory() {
        String user = Users.fresh("passport");
        String session = given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "message", "I keep bees on the roof of my flat in Leeds"))
                .post("/v1/chat")
                .then()
                .statusCode(200)
                .extract()
                .path("sessionId");
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "message", "How much honey does a hive make?", "sessionId", session))
                .post("/v1/chat")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "message", "Any plans for Saturday?"))
                .post("/v1/chat")
                .then()
                .statusCode(200);
        // The message's memory, as its transcript entry names it (search may not show it yet: chat does not wait).
        String source = given().get("/v1/users/{u}/sessions/{s}", user, session)
                .then()
                .statusCode(200)
                .extract()
                .path("messages[0].memoryId");
        MemoriesApi.add(
                user,
                Map.of(
                        "text", "The user is a beekeeper",
                        "kind", "fact",
                        "occurredAt", "2024-05-01T10:00:00Z",
                        "provenance", Map.of("sources", List.of(source), "provider", "offline", "model", "extractor")));
        String note = MemoriesApi.add(user, Map.of("text", "Prefers tea", "kind", "preference"));
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "Prefers green tea"))
                .patch("/v1/users/{u}/memories/{id}", user, note)
                .then()
                .statusCode(200);
        String gone = MemoriesApi.add(user, Map.of("text", "A memory the user deleted", "kind", "note"));
        given().delete("/v1/users/{u}/memories/{id}", user, gone).then().statusCode(204);
        return user;
    }

    private JsonNode export(String user) throws Exception {
        String body = given().get("/v1/users/{u}/export", user)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .asString();
        return mapper.readTree(body);
    }

    private JsonNode importing(String user, Object document, String format) {
        return given().contentType(ContentType.JSON)
                .queryParam("format", format)
                .body(document.toString())
                .post("/v1/users/{u}/import", user)
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class);
    }

    @Test
    void exportsSessionsMemoriesProvenanceAndHistoryInTheDocumentedFormat() throws Exception {
        String user = userWithHistory();
        JsonNode passport = export(user);

        validator.validate(passport, ImportFormat.PASSPORT); // the export obeys its own published schema
        assertThat(passport.get("format").asText()).isEqualTo("moat-passport");
        assertThat(passport.get("version").asInt()).isEqualTo(1);
        assertThat(passport.at("/user/id").asText()).isEqualTo(user);
        assertThat(passport.get("sessions")).hasSize(2);
        JsonNode first = passport.get("sessions").get(0);
        assertThat(first.get("messages")).hasSize(4); // two user messages, two replies
        assertThat(first.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(first.at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(first.at("/messages/1/provider").asText()).isEqualTo("offline");
        assertThat(passport.get("memories")).hasSize(5); // three messages, the fact, the preference
        JsonNode fact = find(passport.get("memories"), "The user is a beekeeper");
        assertThat(fact.at("/provenance/provider").asText()).isEqualTo("offline");
        assertThat(fact.at("/provenance/model").asText()).isEqualTo("extractor");
        String source = fact.at("/provenance/sources/0").asText();
        assertThat(find(passport.get("memories"), "I keep bees on the roof of my flat in Leeds")
                        .get("id")
                        .asText())
                .isEqualTo(source);
        assertThat(first.at("/messages/0/memoryId").asText()).isEqualTo(source);
        // The second message answered the assistant's first reply: its context travels with it.
        assertThat(find(passport.get("memories"), "How much honey does a hive make?")
                        .at("/context")
                        .asText())
                .isEqualTo(first.at("/messages/1/text").asText().strip());
        assertThat(find(passport.get("memories"), "Any plans for Saturday?").has("context"))
                .isFalse();
        assertThat(passport.toString()).doesNotContain("embedding");
        List<String> types = passport.get("history").findValuesAsText("type");
        assertThat(types).contains("add", "update", "delete");
        assertThat(passport.get("history").toString()).contains("A memory the user deleted");
    }

    @Test
    void roundTripThroughAFreshUserGivesTheSameDocument() throws Exception {
        String user = userWithHistory();
        JsonNode before = export(user);
        given().delete("/v1/users/{u}", user).then().statusCode(204);
        given().get("/v1/users/{u}/export", user).then().statusCode(404);

        JsonNode result = importing(user, before, "passport");
        assertThat(result.get("memoriesAdded").asInt()).isEqualTo(5);
        assertThat(result.get("sessionsAdded").asInt()).isEqualTo(2);
        JsonNode after = export(user);
        // exportedAt is the one field documented to differ.
        ((ObjectNode) before).remove("exportedAt");
        ((ObjectNode) after).remove("exportedAt");
        assertThat(after).isEqualTo(before);
        // The imported memories are searchable at once, with their recomputed embeddings.
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "beekeeper"))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                .body("hits[0].memory.text", equalTo("The user is a beekeeper"));
    }

    @Test
    void importingTheSamePassportTwiceChangesNothing() throws Exception {
        String from = userWithHistory();
        JsonNode passport = export(from);
        String into = Users.fresh("passport-into");

        JsonNode first = importing(into, passport, "passport");
        assertThat(first.get("memoriesAdded").asInt()).isEqualTo(5);
        JsonNode once = export(into);
        JsonNode second = importing(into, passport, "passport");
        assertThat(second.get("memoriesAdded").asInt()).isZero();
        assertThat(second.get("memoriesSkipped").asInt()).isEqualTo(5);
        assertThat(second.get("sessionsAdded").asInt()).isZero();
        assertThat(second.get("messagesAdded").asInt()).isZero();
        assertThat(second.get("eventsAdded").asInt()).isZero();
        JsonNode twice = export(into);
        ((ObjectNode) once).remove("exportedAt");
        ((ObjectNode) twice).remove("exportedAt");
        assertThat(twice).isEqualTo(once);
        // The ids were held by the first user, so the copy has its own, consistently remapped.
        String factSource = find(twice.get("memories"), "The user is a beekeeper")
                .at("/provenance/sources/0")
                .asText();
        assertThat(find(twice.get("memories"), "I keep bees on the roof of my flat in Leeds")
                        .get("id")
                        .asText())
                .isEqualTo(factSource)
                .isNotEqualTo(find(passport.get("memories"), "The user is a beekeeper")
                        .at("/provenance/sources/0")
                        .asText());
        // The source user is untouched.
        assertThat(export(from).get("memories")).hasSize(5);
    }

    @Test
    void aDocumentThatBreaksTheSchemaIsRefusedWithThePathAndNothingIsKept() throws Exception {
        JsonNode passport = export(userWithHistory());
        ((ObjectNode) passport.get("memories").get(1)).put("text", 5);
        String user = Users.fresh("passport-bad");
        given().contentType(ContentType.JSON)
                .body(passport.toString())
                .post("/v1/users/{u}/import", user)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("$.memories[1].text"));
        given().get("/v1/users/{u}/export", user).then().statusCode(404);
    }

    @Test
    void aFailureAfterTheSchemaCheckKeepsNothingEither() throws Exception {
        JsonNode passport = export(userWithHistory());
        // Valid by the schema, refused by the memory limits: metadata over 16 KiB on the last memory.
        ArrayNode memories = (ArrayNode) passport.get("memories");
        ((ObjectNode) memories.get(memories.size() - 1)).putObject("metadata").put("blob", "x".repeat(20_000));
        String user = Users.fresh("passport-half");
        given().contentType(ContentType.JSON)
                .body(passport.toString())
                .post("/v1/users/{u}/import", user)
                .then()
                .statusCode(400)
                .body("detail", containsString("metadata"));
        given().get("/v1/users/{u}/memories", user).then().statusCode(200).body("items.size()", equalTo(0));
        given().get("/v1/users/{u}/sessions", user).then().statusCode(200).body("sessions.size()", equalTo(0));
    }

    @Test
    void refusesRepeatedIdsAndUnknownFormats() throws Exception {
        JsonNode passport = export(userWithHistory());
        ArrayNode memories = (ArrayNode) passport.get("memories");
        memories.add(memories.get(0).deepCopy());
        given().contentType(ContentType.JSON)
                .body(passport.toString())
                .post("/v1/users/{u}/import", Users.fresh("passport-dup"))
                .then()
                .statusCode(400)
                .body("detail", containsString("$.memories[5].id"));
        given().contentType(ContentType.JSON)
                .queryParam("format", "myspace")
                .body("[]")
                .post("/v1/users/{u}/import", Users.fresh("passport-fmt"))
                .then()
                .statusCode(400)
                .body("detail", containsString("passport, chatgpt, claude"));
    }

    private static JsonNode find(JsonNode memories, String text) {
        for (JsonNode m : memories) {
            if (m.get("text").asText().equals(text)) {
                return m;
            }
        }
        throw new AssertionError("no memory '" + text + "' in " + memories);
    }
}
