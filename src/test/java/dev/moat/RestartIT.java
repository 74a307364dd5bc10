package dev.moat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.support.MeterHistories;
import dev.moat.support.ProviderStubServer;
import dev.moat.support.RunningJar;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What crosses a real restart of the packaged jar: the memories, an index repaired from the database, the same memory
 * behind another provider, and a passport carried to a fresh instance. Each test stops and starts the jar itself, so
 * each runs alone, in any order. Keys are off here: KeysTest and the other ITs cover them.
 */
class RestartIT {

    private static final ProviderStubServer STUBS = new ProviderStubServer();
    private static List<String> stubConfig;

    @TempDir
    Path dir;

    private RunningJar server;

    @BeforeAll
    static void startStubs() {
        stubConfig = new ArrayList<>();
        STUBS.start().forEach((key, value) -> stubConfig.add(key + "=" + value));
    }

    @AfterAll
    static void stopStubs() {
        STUBS.stop();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Starts the jar on a data folder, with the stubs, the given default provider and any other properties;
     * RestAssured points at it.
     */
    private void start(Path dataDir, String defaultProvider, String... more) throws Exception {
        List<String> properties = new ArrayList<>(stubConfig);
        properties.add("moat.routing.default=" + defaultProvider);
        properties.add("moat.auth.enabled=false");
        properties.addAll(List.of(more));
        server = new RunningJar(dataDir, properties.toArray(String[]::new)).start();
        RestAssured.port = server.port();
    }

    /** A figure of the mover's meter for a move to the target, k=3, from the running instance. */
    private static double meter(String target, String figure) {
        return given().queryParam("target", target)
                .queryParam("k", 3)
                .get("/v1/users/{u}/switching-cost", "mover")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getDouble(figure);
    }

    private static String exportMover() {
        return given().get("/v1/users/{u}/export", "mover")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static void importMover(String passport) {
        given().contentType(ContentType.JSON)
                .body(passport)
                .post("/v1/users/{u}/import", "mover")
                .then()
                .statusCode(200);
    }

    private void restart(Path dataDir, String defaultProvider) throws Exception {
        server.close();
        start(dataDir, defaultProvider);
    }

    @Test
    void keepsEveryMemoryAndIndexesTheOneTheIndexNeverSaw() throws Exception {
        Path data = dir.resolve("data");
        start(data, "offline");
        given().contentType(ContentType.JSON)
                .body(List.of(
                        Map.of("text", "my bike lock code is 4711", "kind", "fact"),
                        Map.of("text", "I prefer oat milk in coffee", "kind", "preference")))
                .post("/v1/users/{u}/memories/batch", "restart")
                .then()
                .statusCode(201);
        server.close();
        // As if a process had committed a memory and died before its index update: a row the index never saw,
        // with no vector yet either.
        commitBehindTheIndex(data, "restart", "the spare key is under the blue flowerpot");

        start(data, "offline");
        given().get("/v1/users/{u}/stats", "restart")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("byKind.fact", equalTo(1))
                .body("byKind.preference", equalTo(1));
        for (var probe : Map.of(
                        "bike lock code", "my bike lock code is 4711",
                        "oat milk coffee", "I prefer oat milk in coffee",
                        "where is the spare key", "the spare key is under the blue flowerpot")
                .entrySet()) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("query", probe.getKey(), "k", 1))
                    .post("/v1/users/{u}/memories/search", "restart")
                    .then()
                    .statusCode(200)
                    .body("hits[0].memory.text", equalTo(probe.getValue()));
        }
    }

    @Test
    void theSameMemoriesReachTheNewDefaultProviderAfterASwap() throws Exception {
        Path data = dir.resolve("data");
        start(data, "openai-stub");
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "I adopted a grey cat named Pixel", "occurredAt", "2024-05-08T13:56:00Z"))
                .post("/v1/users/{u}/memories", "swap")
                .then()
                .statusCode(201);
        chatAboutTheCat("openai-stub");
        assertThat(ProviderStubServer.lastRequest("openai")).contains("[2024-05-08] I adopted a grey cat named Pixel");

        // Only the configuration changes.
        restart(data, "anthropic-stub");
        chatAboutTheCat("anthropic-stub");
        assertThat(ProviderStubServer.lastRequest("anthropic"))
                .contains("[2024-05-08] I adopted a grey cat named Pixel");
    }

    private static void chatAboutTheCat(String provider) {
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", "swap", "message", "What is my cat called?", "k", 3))
                .post("/v1/chat")
                .then()
                .statusCode(200)
                .body("provider", equalTo(provider))
                .body("memories.text", hasItem("I adopted a grey cat named Pixel"));
    }

    @Test
    void recallAfterARealImportIntoAFreshInstanceEqualsThePrediction() throws Exception {
        start(dir.resolve("before"), "openai-stub");
        MeterHistories.add("mover", 12);
        double predicted = meter("anthropic-stub", "carry.passport.recallAfter");
        assertThat(predicted).isPositive();
        String passport = exportMover();

        // Another instance, with an empty database and another default provider.
        restart(dir.resolve("after"), "anthropic-stub");
        given().get("/v1/users/{u}/export", "mover").then().statusCode(404);
        importMover(passport);
        // The round trip through a fresh instance: its export is the passport, apart from when it was made.
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode before = (ObjectNode) mapper.readTree(passport);
        ObjectNode after = (ObjectNode) mapper.readTree(exportMover());
        before.remove("exportedAt");
        after.remove("exportedAt");
        assertThat(after).isEqualTo(before);
        assertThat(meter("openai-stub", "probes.recallNow")).isEqualTo(predicted);
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", "mover", "message", "Where does my sister live?"))
                .post("/v1/chat")
                .then()
                .statusCode(200)
                .body("provider", equalTo("anthropic-stub"));
    }

    @Test
    void aDestinationThatEmbedsWithAnotherModelIsPredictedAsAFreshInstanceWithThatModelMeasures() throws Exception {
        start(
                dir.resolve("before"),
                "openai-stub",
                "moat.destinations.minilm-moat.carry=passport",
                "moat.destinations.minilm-moat.embedding-model=all-minilm-l6-v2-q");
        MeterHistories.add("mover", 12);
        given().queryParam("target", "minilm-moat")
                .get("/v1/users/{u}/switching-cost", "mover")
                .then()
                .statusCode(200)
                .body("destination.embeddingModel", equalTo("all-minilm-l6-v2-q"));
        double predicted = meter("minilm-moat", "carry.passport.recallAfter");
        assertThat(predicted).isPositive();
        String passport = exportMover();

        // A fresh instance whose own model is MiniLM: the passport imported, its memories embedded by that model.
        server.close();
        start(dir.resolve("after"), "openai-stub", "moat.embedding.model=all-minilm-l6-v2-q");
        importMover(passport);
        given().queryParam("target", "openai-stub")
                .get("/v1/users/{u}/switching-cost", "mover")
                .then()
                .statusCode(200)
                .body("destination.embeddingModel", equalTo("all-minilm-l6-v2-q"));
        assertThat(meter("openai-stub", "probes.recallNow")).isEqualTo(predicted);
    }

    /** A memory row (and its ADD event) written straight into the stopped server's H2 database. */
    private static void commitBehindTheIndex(Path data, String user, String text) throws Exception {
        Instant now = Instant.now();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath() + "/db/moat")) {
            long event;
            try (var next = db.createStatement().executeQuery("select next value for memory_event_seq")) {
                next.next();
                event = next.getLong(1);
            }
            String id = UUID.randomUUID().toString();
            try (PreparedStatement e =
                    db.prepareStatement("insert into memory_event (id, tenant_id, user_id, memory_id, type, at)"
                            + " values (?, 'default', ?, ?, 'ADD', ?)")) {
                e.setLong(1, event);
                e.setString(2, user);
                e.setString(3, id);
                e.setTimestamp(4, Timestamp.from(now));
                e.executeUpdate();
            }
            try (PreparedStatement m = db.prepareStatement(
                    "insert into memory (id, tenant_id, user_id, text, kind, occurred_at, created_at, updated_at,"
                            + " version) values (?, 'default', ?, ?, 'NOTE', ?, ?, ?, ?)")) {
                m.setString(1, id);
                m.setString(2, user);
                m.setString(3, text);
                m.setTimestamp(4, Timestamp.from(now));
                m.setTimestamp(5, Timestamp.from(now));
                m.setTimestamp(6, Timestamp.from(now));
                m.setLong(7, event);
                m.executeUpdate();
            }
        }
        assertThat(Files.exists(data.resolve("db"))).isTrue();
    }
}
