package dev.moat.lockin;

import static dev.moat.support.ExperimentsApi.awaitFinished;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.moat.support.ProviderStubServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Experiments over HTTP: started from an upload or a path under the root, followed to their report. */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
class ExperimentResourceTest {

    private static final String JSONL = "application/x-ndjson";

    /** One user, one session, one message: a run that takes one provider call. */
    private static final String ONE_MESSAGE =
            """
            {"user": "ana", "session": "s1", "timestamp": "2024-01-01T10:00:00Z", "role": "user", "text": "I keep bees", "id": "a1"}
            {"user": "ana", "question": "What does Ana keep?", "evidence": ["a1"]}
            """;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String start(String query, String contentType, String body) {
        var request = given();
        if (body != null) {
            request = request.contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8));
        }
        return request.post("/v1/experiments" + query)
                .then()
                .statusCode(202)
                .header("Location", containsString("/v1/experiments/"))
                .body("status", equalTo("queued"))
                .extract()
                .path("id");
    }

    @Test
    void runsAnUploadedHistoryToItsReportCsvAndCharts() throws Exception {
        String body = Files.readString(Path.of("data/examples/moat-example.jsonl"));
        String id = start("?k=5&carry=none,passport", JSONL, body);

        JsonPath done = awaitFinished(id);
        assertThat(done.getString("status")).isEqualTo("done");
        assertThat(done.getInt("progress.sessionsDone")).isEqualTo(5);
        assertThat(done.getInt("progress.sessionsTotal")).isEqualTo(5);
        assertThat(done.getList("options.carry")).containsExactly("none", "passport");
        assertThat(done.getDouble("report.summary.memoryValue")).isEqualTo(1.0);
        assertThat(done.getList("report.users.user")).containsExactly("rosa", "ken");
        assertThat(done.getList("charts")).contains("memory-value-pooled.svg", "recall-loss-rosa.svg");

        String csv = given().get("/v1/experiments/{id}/report.csv", id)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertThat(csv.lines()).hasSize(1 + 5).first().asString().startsWith("user,session,at,memories");
        given().get("/v1/experiments/{id}/charts/recall-loss-rosa.svg", id)
                .then()
                .statusCode(200)
                .contentType(startsWith("image/svg+xml"))
                .body(containsString(">passport<"));
        given().get("/v1/experiments/{id}/charts/nothing.svg", id).then().statusCode(404);
        given().get("/v1/experiments").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void readsAPathUnderTheRootAndRefusesEveryPathOutsideIt() throws Exception {
        String id = start("?path=moat-example.jsonl", null, null);
        assertThat(awaitFinished(id).getString("status")).isEqualTo("done");

        for (String outside : List.of("../../pom.xml", "/etc/passwd", "../examples/../../README.md")) {
            given().queryParam("path", outside)
                    .post("/v1/experiments")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("outside the experiments root"));
        }
        given().queryParam("path", "missing.jsonl")
                .post("/v1/experiments")
                .then()
                .statusCode(400)
                .body("detail", containsString("data set not found: missing.jsonl"));
    }

    @Test
    void refusesABadDataSetOrOptionAtOnceAndKeepsNoRun() {
        int before = given().get("/v1/experiments?limit=200")
                .then()
                .extract()
                .jsonPath()
                .getList("id")
                .size();
        given().contentType(JSONL)
                .body(bytes("{\"user\": \"x\", \"session\": \"s\"\n"))
                .post("/v1/experiments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().post("/v1/experiments").then().statusCode(400).body("detail", containsString("send a data set"));
        given().contentType(JSONL)
                .body(bytes(ONE_MESSAGE))
                .post("/v1/experiments?carry=suitcase")
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown carry mode 'suitcase'"));
        given().contentType(JSONL)
                .body(bytes(ONE_MESSAGE))
                .post("/v1/experiments?provider=nobody")
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown provider 'nobody'"));
        given().contentType(JSONL)
                .body(bytes(ONE_MESSAGE))
                .post("/v1/experiments?k=0")
                .then()
                .statusCode(400);
        given().get("/v1/experiments/{id}", "not-an-id").then().statusCode(404);
        assertThat(given().get("/v1/experiments?limit=200")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("id"))
                .hasSize(before);
    }

    @Test
    void refusesADataSetOverTheSessionCapWith413() {
        StringBuilder big = new StringBuilder();
        for (int session = 1; session <= 51; session++) {
            big.append(String.format(
                    Locale.ROOT,
                    "{\"user\": \"u\", \"session\": \"%d\", \"timestamp\": \"2024-01-01T00:00:%02dZ\","
                            + " \"role\": \"user\", \"text\": \"note %d\"}%n",
                    session,
                    session % 60,
                    session));
        }
        given().contentType(JSONL)
                .body(bytes(big.toString()))
                .post("/v1/experiments")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("51 sessions"))
                .body("detail", containsString("moat.experiments.max-sessions"));
    }

    @Test
    void aRunWhoseProvidersAllFailSaysWhy() throws Exception {
        ProviderStubServer.setDown("openai", true);
        JsonPath failed;
        try {
            // flaky always answers 503 and its fallback, openai-stub, is down too.
            failed = awaitFinished(start("?provider=flaky", JSONL, ONE_MESSAGE));
        } finally {
            ProviderStubServer.setDown("openai", false);
        }
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("error")).contains("flaky", "openai-stub");
        given().get("/v1/experiments/{id}/report.csv", failed.getString("id"))
                .then()
                .statusCode(409)
                .body("detail", containsString("is failed"));
    }

    @Test
    void runsOnABoundedPoolAndRefusesWhatItCannotQueue() throws Exception {
        // slow times out after 1 s and fails over: each run holds the one worker for over a second.
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(start("?provider=slow", JSONL, ONE_MESSAGE));
        }
        given().contentType(JSONL)
                .body(bytes(ONE_MESSAGE))
                .post("/v1/experiments?provider=slow")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("moat.experiments.queue"));
        for (String id : started) {
            JsonPath done = awaitFinished(id);
            assertThat(done.getString("status")).isEqualTo("done");
            assertThat(done.getInt("report.summary.chat.calls")).isEqualTo(1);
        }
    }
}
