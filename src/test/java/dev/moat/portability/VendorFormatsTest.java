package dev.moat.portability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.provider.Tokens;
import dev.moat.support.MemoriesApi;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * mem0's memories and Letta's agent files in; mem0 add requests, a digest and JSONL history out (fixtures in test
 * resources, written from each format's public description).
 */
@QuarkusTest
class VendorFormatsTest {

    @Inject
    ObjectMapper mapper;

    private static String fixture(String name) throws IOException {
        return ForeignExportImportTest.fixture(name);
    }

    private static Response importing(String user, String format, String body) {
        return given().contentType(ContentType.JSON)
                .queryParam("format", format)
                .body(body)
                .post("/v1/users/{u}/import", user);
    }

    private static Response exporting(String user, String format) {
        return given().queryParam("format", format).get("/v1/users/{u}/export", user);
    }

    private JsonNode passport(String user) throws IOException {
        return mapper.readTree(
                exporting(user, "passport").then().statusCode(200).extract().asString());
    }

    private static JsonNode memory(JsonNode passport, String text) {
        for (JsonNode m : passport.get("memories")) {
            if (m.get("text").asText().equals(text)) {
                return m;
            }
        }
        throw new AssertionError("no memory '" + text + "' in " + passport.get("memories"));
    }

    /** A user who said where they live twice (the first fact superseded) and told a note directly. */
    private static String userWhoMoved() {
        String user = Users.fresh("mover");
        MemoriesApi.add(user, Map.of("text", "I live in Boston these days", "occurredAt", "2023-01-10T09:00:00Z"));
        MemoriesApi.add(user, Map.of("text", "Big news: I moved to Denver!", "occurredAt", "2023-06-01T09:00:00Z"));
        MemoriesApi.add(
                user, Map.of("text", "Allergic to cats", "kind", "note", "occurredAt", "2023-02-02T10:00:00.456Z"));
        return user;
    }

    @Test
    void mem0MemoriesArriveAsFactsWithTheTimeTheirTextWasLastWritten() throws IOException {
        String user = Users.fresh("mem0");
        importing(user, "mem0", fixture("mem0-memories.json"))
                .then()
                .statusCode(200)
                .body("memoriesAdded", org.hamcrest.Matchers.equalTo(3));

        JsonNode passport = passport(user);
        JsonNode peanuts = memory(passport, "Is allergic to peanuts");
        assertThat(peanuts.get("kind").asText()).isEqualTo("fact");
        assertThat(peanuts.get("occurredAt").asText()).isEqualTo("2024-03-02T17:15:00.123Z");
        assertThat(peanuts.at("/metadata/category").asText()).isEqualTo("health");
        assertThat(peanuts.at("/metadata/source").asText()).isEqualTo("mem0");
        // updated after it was created: its current text dates from the update
        assertThat(memory(passport, "Works as a nurse at the children's hospital")
                        .get("occurredAt")
                        .asText())
                .isEqualTo("2024-04-21T14:30:00Z");
        assertThat(memory(passport, "Prefers vegetarian restaurants")
                        .get("kind")
                        .asText())
                .isEqualTo("preference");
        assertThat(MemoriesApi.searchTexts(user, "Which food could make me ill?", 1))
                .containsExactly("Is allergic to peanuts");

        importing(user, "mem0", fixture("mem0-memories.json"))
                .then()
                .statusCode(200)
                .body("memoriesAdded", org.hamcrest.Matchers.equalTo(0))
                .body("memoriesSkipped", org.hamcrest.Matchers.equalTo(3));
    }

    @Test
    void aMemoryListedTwiceOrALineRepeatedInABlockIsOneMemory() throws IOException {
        String user = Users.fresh("twice");
        String item = "{\"id\": \"m-1\", \"memory\": \"Keeps bees\", \"created_at\": \"2024-05-01T10:00:00Z\"}";
        importing(user, "mem0", "{\"results\": [" + item + ", " + item + "]}")
                .then()
                .statusCode(200)
                .body("memoriesAdded", org.hamcrest.Matchers.equalTo(1));
        String repeated =
                fixture("letta-agent.af").replace("- Lives in Leeds\\n", "- Lives in Leeds\\n- Lives in Leeds\\n");
        assertThat(repeated).contains("Lives in Leeds\\n- Lives in Leeds");
        importing(Users.fresh("twice-letta"), "letta", repeated)
                .then()
                .statusCode(200)
                .body("memoriesAdded", org.hamcrest.Matchers.equalTo(6));
    }

    @Test
    void aBrokenMem0DocumentIsRefusedAtItsFirstBadPathAndNothingOfItIsKept() throws IOException {
        String user = Users.fresh("mem0bad");
        String broken = fixture("mem0-memories.json").replace("\"memory\": \"Works as a nurse", "\"text\": \"Works");
        importing(user, "mem0", broken)
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("$.results[1]"))
                .body("detail", containsString("memory"));
        String badTime = fixture("mem0-memories.json").replace("2024-02-14T12:00:00Z", "last Tuesday");
        importing(user, "mem0", badTime)
                .then()
                .statusCode(400)
                .body("detail", containsString("$.results[2].created_at"));
        exporting(user, "passport").then().statusCode(404);
    }

    @Test
    void aLettaAgentFileGivesItsBlocksAsFactsAndNotesAndItsMessagesAsASession() throws IOException {
        String user = Users.fresh("letta");
        importing(user, "letta", fixture("letta-agent.af"))
                .then()
                .statusCode(200)
                .body("sessionsAdded", org.hamcrest.Matchers.equalTo(1))
                .body("memoriesAdded", org.hamcrest.Matchers.equalTo(6));

        JsonNode passport = passport(user);
        for (String fact : List.of("Name: Priya", "Lives in Leeds", "Plays the cello since April 2025")) {
            JsonNode m = memory(passport, fact);
            assertThat(m.get("kind").asText()).isEqualTo("fact");
            assertThat(m.at("/metadata/block").asText()).isEqualTo("human");
            assertThat(m.get("occurredAt").asText()).isEqualTo("2025-04-08T18:00:00Z");
        }
        assertThat(memory(passport, "practice_log: Week 1: scales in C major.")
                        .get("kind")
                        .asText())
                .isEqualTo("note");
        assertThat(memory(passport, "I just started learning the cello, any tips?")
                        .get("kind")
                        .asText())
                .isEqualTo("message");
        // the persona is the agent's, a heartbeat and a tool return are the system's, the system prompt the agent's
        assertThat(passport.toString())
                .doesNotContain("cheerful assistant", "heartbeat", "status", "You are Sam")
                // the agent's inner thoughts are not what it said
                .doesNotContain("I should encourage");
        JsonNode session = passport.get("sessions").get(0);
        assertThat(session.get("messages").findValuesAsText("role")).containsExactly("user", "assistant", "user");
        assertThat(session.at("/messages/1/text").asText())
                .isEqualTo("Practice twenty minutes a day and record yourself.");

        importing(user, "letta", fixture("letta-agent.af"))
                .then()
                .statusCode(200)
                .body("memoriesAdded", org.hamcrest.Matchers.equalTo(0))
                .body("sessionsAdded", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aLettaFileNamingAMissingBlockIsRefusedWithThatPath() throws IOException {
        String user = Users.fresh("lettabad");
        importing(user, "letta", fixture("letta-agent.af").replace("\"block-1\", \"block-2\"", "\"block-1\", \"x\""))
                .then()
                .statusCode(400)
                .body("detail", containsString("$.agents[0].block_ids[2]"));
        importing(user, "letta", "{\"agents\": []}").then().statusCode(400).body("detail", containsString("$.agents"));
        exporting(user, "passport").then().statusCode(404);
    }

    @Test
    void aPassportThroughMem0AndBackKeepsEveryCurrentFactsTextAndTime() throws IOException {
        String user = userWhoMoved();
        JsonNode before = passport(user);
        String requests =
                exporting(user, "mem0").then().statusCode(200).extract().asString();
        JsonNode parsed = mapper.readTree(requests);
        assertThat(parsed.isArray()).isTrue();
        assertThat(parsed.get(0).get("infer").asBoolean()).isFalse();
        assertThat(parsed.get(0).at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(requests).doesNotContain("The user lives in Boston");

        String other = Users.fresh("arrived");
        importing(other, "mem0", requests).then().statusCode(200);
        JsonNode after = passport(other);
        List<String> current = new ArrayList<>();
        for (JsonNode m : before.get("memories")) {
            if (!m.hasNonNull("validTo")) {
                current.add(m.get("text").asText());
                JsonNode carried = memory(after, m.get("text").asText());
                assertThat(carried.get("occurredAt")).isEqualTo(m.get("occurredAt"));
                assertThat(carried.get("kind")).isEqualTo(m.get("kind"));
            }
        }
        assertThat(current).contains("The user lives in Denver", "Allergic to cats");
        assertThat(after.get("memories").findValuesAsText("text")).doesNotContain("The user lives in Boston");
        importing(other, "mem0", requests)
                .then()
                .statusCode(200)
                .body("memoriesAdded", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aDigestPutsWhatHoldsFirstAndStaysWithinItsBudget() {
        String user = userWhoMoved();
        Response digest = given().queryParam("format", "digest")
                .queryParam("maxTokens", 400)
                .get("/v1/users/{u}/export", user);
        digest.then()
                .statusCode(200)
                .contentType(startsWith("text/markdown"))
                .header("Content-Disposition", containsString(user + ".digest.md"));
        String text = digest.asString();
        assertThat(text).startsWith("# Memory digest: " + user);
        assertThat(text.indexOf(Digest.ABOUT)).isLessThan(text.indexOf(Digest.HISTORY));
        assertThat(text).contains("- [2023-06-01] The user lives in Denver", "- [2023-02-02] Allergic to cats");
        assertThat(text).doesNotContain("lives in Boston");
        assertThat(Tokens.count(text)).isLessThanOrEqualTo(400);
        assertThat(text).contains("- [2023-01-10] I live in Boston these days");
        given().queryParam("format", "digest")
                .queryParam("maxTokens", 10)
                .get("/v1/users/{u}/export", user)
                .then()
                .statusCode(400)
                .body("detail", containsString("maxTokens must lie in 100..32000"));
        exporting(user, "yaml").then().statusCode(400).body("detail", containsString("passport, mem0, digest, jsonl"));
    }

    @Test
    void jsonlHistoryHoldsTheUsersMessagesInTheFormatBenchAndExperimentsRead() throws IOException {
        String user = userWhoMoved();
        String jsonl = exporting(user, "jsonl")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/x-ndjson"))
                .extract()
                .asString();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            lines.add(mapper.readTree(line));
        }
        assertThat(lines)
                .extracting(l -> l.get("text").asText())
                .containsExactly("I live in Boston these days", "Big news: I moved to Denver!");
        for (JsonNode l : lines) {
            assertThat(l.get("user").asText()).isEqualTo(user);
            assertThat(l.get("role").asText()).isEqualTo("user");
            assertThat(l.get("session").asText()).startsWith("day-2023-");
            assertThat(l.hasNonNull("id")).isTrue();
        }
        assertThat(lines.get(0).get("timestamp").asText()).isEqualTo("2023-01-10T09:00:00Z");
    }
}
