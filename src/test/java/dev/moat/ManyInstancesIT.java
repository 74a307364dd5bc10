package dev.moat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.support.OpenSearchNode;
import dev.moat.support.RunningJar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the PostgreSQL build on one database and one OpenSearch node, behind no balancer: writers on both
 * at once, one instance killed (SIGKILL) and restarted mid-run. Afterwards every acknowledged memory is there exactly
 * once through either instance and the index holds exactly the database's memories; one memory changed through both
 * at once keeps one linear history; a key revoked through one is refused by the other within the key cache's bound.
 */
class ManyInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PG_JAR =
            Path.of(System.getProperty("moat.postgresql.jar", "target/quarkus-app-postgresql/quarkus-run.jar"));
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "moat_many_instances_it";
    private static final String USER = "many";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<RunningJar> servers = new ArrayList<>();
    private final String index = "moat-many-" + System.nanoTime();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        for (RunningJar s : servers) {
            s.close();
        }
    }

    /** A fresh database for the run; skipped (or failed, with MOAT_REQUIRE_POSTGRES=true) without a server. */
    private static void freshDatabase() {
        String user = System.getProperty("tests.postgres.user", "postgres");
        try (Connection c = DriverManager.getConnection(SERVER + "test", user, "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            if (Boolean.parseBoolean(System.getenv("MOAT_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("no PostgreSQL at " + SERVER + ": " + e.getMessage(), e);
            }
            assumeTrue(false, "no PostgreSQL at " + SERVER + " (" + e.getMessage() + ")");
        }
    }

    private RunningJar instance(String name) throws IOException {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        RunningJar jar = new RunningJar(
                PG_JAR,
                data,
                "quarkus.datasource.jdbc.url=" + SERVER + DATABASE,
                "quarkus.datasource.username=" + System.getProperty("tests.postgres.user", "postgres"),
                "moat.index.backend=opensearch",
                "moat.opensearch.url=" + OpenSearchNode.shared().url(),
                "moat.opensearch.index=" + index,
                "moat.auth.rate-per-second=0");
        servers.add(jar);
        return jar;
    }

    private HttpResponse<String> send(RunningJar server, String key, String method, String path, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30));
        r.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Set<String> databaseIds(RunningJar server, String key) throws Exception {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            String path = "/v1/users/" + USER + "/memories?limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = JSON.readTree(send(server, key, "GET", path, null).body());
            for (JsonNode m : page.get("items")) {
                assertThat(ids.add(m.get("id").asText())).as("listed once").isTrue();
            }
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    private List<String> indexIds() throws Exception {
        String body = JSON.writeValueAsString(Map.of("size", 10_000, "_source", List.of("id")));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(OpenSearchNode.shared().url() + "/" + index + "/_search"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : JSON.readTree(r.body()).at("/hits/hits")) {
            ids.add(hit.at("/_source/id").asText());
        }
        return ids;
    }

    @Test
    void twoInstancesOnOneDatabaseAndOneIndexLoseNothingAndDuplicateNothing() throws Exception {
        freshDatabase();
        RunningJar a = instance("a").start();
        String key = a.adminKey();
        RunningJar b = instance("b").usingKey(key).start();

        // Writers on both instances; A is killed and restarted while they write.
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean aDown = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    RunningJar target = writer % 2 == 0 && !aDown.get() ? a : b;
                    try {
                        HttpResponse<String> r = send(
                                target,
                                key,
                                "POST",
                                "/v1/users/" + USER + "/memories",
                                Map.of("text", "writer " + writer + " note " + i + " about the garden"));
                        if (r.statusCode() == 201) {
                            acknowledged.add(JSON.readTree(r.body()).get("id").asText());
                        }
                    } catch (IOException e) {
                        // the instance died under this request: not acknowledged, may or may not be kept
                    }
                }
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 30);
        aDown.set(true);
        a.kill();
        a.start();
        aDown.set(false);
        for (Future<?> f : writers) {
            f.get();
        }
        pool.shutdown();

        // Every acknowledged memory, once, through either instance; the index holds exactly the database's.
        Set<String> throughA = databaseIds(a, key);
        Set<String> throughB = databaseIds(b, key);
        assertThat(throughA).isEqualTo(throughB).containsAll(acknowledged);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> inIndex = indexIds();
            assertThat(inIndex).doesNotHaveDuplicates();
            assertThat(new HashSet<>(inIndex)).isEqualTo(throughA);
        });
        // A write through one is found by a search through the other when it returns.
        String fresh = JSON.readTree(
                        send(b, key, "POST", "/v1/users/" + USER + "/memories", Map.of("text", "The shed is blue"))
                                .body())
                .get("id")
                .asText();
        JsonNode found = JSON.readTree(send(
                        a,
                        key,
                        "POST",
                        "/v1/users/" + USER + "/memories/search",
                        Map.of("query", "what colour is the shed", "k", 1))
                .body());
        assertThat(found.at("/hits/0/memory/id").asText()).isEqualTo(fresh);

        // One memory changed through both at once keeps one linear history.
        ExecutorService patchers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> patches = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            RunningJar target = p % 2 == 0 ? a : b;
            String text = "The shed is painted colour " + p;
            patches.add(patchers.submit(
                    () -> send(target, key, "PATCH", "/v1/users/" + USER + "/memories/" + fresh, Map.of("text", text))
                            .statusCode()));
        }
        for (Future<Integer> p : patches) {
            assertThat(p.get()).isEqualTo(200);
        }
        patchers.shutdown();
        JsonNode events = JSON.readTree(
                        send(a, key, "GET", "/v1/users/" + USER + "/memories/" + fresh + "/history", null)
                                .body())
                .get("events");
        assertThat(events).hasSize(21);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).at("/before/text"))
                    .isEqualTo(events.get(i - 1).at("/after/text"));
        }

        // A key revoked through one instance is refused by the other within the key cache's bound (1 s).
        JsonNode userKey = JSON.readTree(send(a, key, "POST", "/v1/admin/keys", Map.of("role", "user", "userId", USER))
                .body());
        String secret = userKey.get("key").asText();
        assertThat(send(b, secret, "GET", "/v1/users/" + USER + "/stats", null).statusCode())
                .isEqualTo(200);
        assertThat(send(a, key, "DELETE", "/v1/admin/keys/" + userKey.get("id").asText(), null)
                        .statusCode())
                .isEqualTo(204);
        long revoked = System.nanoTime();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> send(b, secret, "GET", "/v1/users/" + USER + "/stats", null)
                                .statusCode()
                        == 401);
        long refusedAfterMs = (System.nanoTime() - revoked) / 1_000_000;
        System.out.printf(
                Locale.ROOT,
                "ManyInstancesIT: %d memories acknowledged through two instances (one killed and restarted);"
                        + " a key revoked through one refused by the other after %d ms%n",
                acknowledged.size(),
                refusedAfterMs);
        assertThat(refusedAfterMs)
                .as("refused by the other instance after %d ms", refusedAfterMs)
                .isLessThan(1_500);
    }
}
