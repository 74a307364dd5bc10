package dev.moat.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.support.MemoriesApi;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Sixteen clients on one user at once: every write kept, every change in the history, no 5xx. */
@QuarkusTest
class ConcurrencyTest {

    private static final int CLIENTS = 16;
    private static final int ROUNDS = 3;

    @Test
    void sixteenClientsWritingAndReadingOneUserLoseNothing() throws Exception {
        String user = Users.fresh("busy");
        String shared = MemoriesApi.add(user, Map.of("text", "shared note 0"));
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<String> added = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                for (int i = 0; i < ROUNDS; i++) {
                    var created = given().contentType(ContentType.JSON)
                            .body(Map.of("text", "client " + client + " note " + i))
                            .post("/v1/users/{u}/memories", user);
                    statuses.add(created.statusCode());
                    if (created.statusCode() == 201) {
                        added.add(created.path("id"));
                    }
                    // Everyone changes the same memory too: each change must land in its history.
                    statuses.add(given().contentType(ContentType.JSON)
                            .body(Map.of("text", "shared note by " + client + "/" + i))
                            .patch("/v1/users/{u}/memories/{id}", user, shared)
                            .statusCode());
                    statuses.add(given().contentType(ContentType.JSON)
                            .body(Map.of("query", "note", "k", 5))
                            .post("/v1/users/{u}/memories/search", user)
                            .statusCode());
                    statuses.add(
                            given().get("/v1/users/{u}/memories?limit=20", user).statusCode());
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();

        assertThat(statuses)
                .hasSize(CLIENTS * ROUNDS * 4)
                .allMatch(s -> s < 500)
                .allMatch(s -> s == 200 || s == 201);
        assertThat(new HashSet<>(added)).hasSize(CLIENTS * ROUNDS);
        given().get("/v1/users/{u}/stats", user)
                .then()
                .statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1 + CLIENTS * ROUNDS));
        JsonPath history = given().get("/v1/users/{u}/memories/{id}/history", user, shared)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> events = history.getList("events");
        assertThat(events).hasSize(1 + CLIENTS * ROUNDS);
        assertThat(events.get(0).get("type")).isEqualTo("ADD");
        assertThat(events.subList(1, events.size())).allMatch(e -> e.get("type").equals("UPDATE"));
        // Each change starts from the one before it: no update was computed from a stale copy.
        for (int i = 1; i < events.size(); i++) {
            assertThat(text(events.get(i), "before")).isEqualTo(text(events.get(i - 1), "after"));
        }
        String current = given().get("/v1/users/{u}/memories/{id}", user, shared)
                .then()
                .extract()
                .path("text");
        assertThat(current).isEqualTo(text(events.get(events.size() - 1), "after"));
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> event, String side) {
        return (String) ((Map<String, Object>) event.get(side)).get("text");
    }

    /**
     * Eight clients state where the user lives at once, each a different city: consolidation decides on the slot one
     * writer at a time (its row lock, and the unique holding_slot for a slot nobody held), so exactly one fact holds
     * and the other seven are history.
     */
    @Test
    void concurrentStatementsOfOneSlotLeaveOneHolder() throws Exception {
        String user = Users.fresh("slotrace");
        String[] cities = {"Denver", "Boston", "Austin", "Dallas", "Oslo", "Lima", "Quito", "Perth"};
        ExecutorService pool = Executors.newFixedThreadPool(cities.length);
        List<Future<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < cities.length; i++) {
            String text = "I live in " + cities[i];
            String at = "2023-0" + (1 + i) + "-01T09:00:00Z";
            writes.add(pool.submit(() -> given().contentType(ContentType.JSON)
                    .body(Map.of("text", text, "occurredAt", at))
                    .post("/v1/users/{u}/memories", user)
                    .statusCode()));
        }
        for (Future<Integer> w : writes) {
            assertThat(w.get()).isEqualTo(201);
        }
        pool.shutdown();

        List<Map<String, Object>> facts = given().get("/v1/users/{u}/memories?limit=100", user)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        List<Map<String, Object>> lives = facts.stream()
                .filter(f -> "fact".equals(f.get("kind")))
                .filter(f -> ((String) f.get("text")).startsWith("The user lives in"))
                .toList();
        assertThat(lives).hasSize(cities.length);
        assertThat(lives.stream().filter(f -> f.get("validTo") == null))
                .singleElement()
                .satisfies(f -> assertThat(f.get("text")).isEqualTo("The user lives in Perth"));
    }
}
