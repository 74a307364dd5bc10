package dev.moat.memory.indexing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.index.IndexedMemory;
import dev.moat.index.MemoryIndex;
import dev.moat.support.MemoriesApi;
import dev.moat.support.OpenSearchBackend;
import dev.moat.support.OpenSearchNode;
import dev.moat.support.Users;
import dev.moat.user.Owner;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The OpenSearch backend against a real node: the index holds exactly the database's memories after concurrent
 * writers, routed by user; forgetting empties it of the user; a lost index is rebuilt; an outage costs searches (503)
 * but no write, and the outbox catches the index up when the node is back; drainers skip each other's rows.
 */
@QuarkusTest
@TestProfile(OpenSearchBackend.class)
@Tag("opensearch") // on PostgreSQL only: the backend of many instances, which need it
class OpenSearchIndexTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @ConfigProperty(name = "moat.opensearch.index")
    String indexName;

    @Inject
    IndexOutbox outbox;

    @Inject
    MemoryIndex index;

    @Inject
    IndexRepairService repair;

    @Inject
    Scheduler scheduler;

    @Inject
    AgroalDataSource dataSource;

    /** The node's documents of the user, by their id field, read straight from OpenSearch. */
    private List<String> documentsOf(String user) throws IOException, InterruptedException {
        String owner = "default\u001f" + user;
        String body = JSON.writeValueAsString(
                Map.of("size", 10_000, "_source", List.of("id"), "query", Map.of("term", Map.of("owner", owner))));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(OpenSearchNode.shared().url() + "/" + indexName + "/_search"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : JSON.readTree(r.body()).at("/hits/hits")) {
            ids.add(hit.at("/_source/id").asText());
            assertThat(hit.get("_routing").asText()).as("routed by its owner").isEqualTo(owner);
        }
        return ids;
    }

    private List<String> databaseIdsOf(String user) {
        return given().get("/v1/users/{u}/memories?limit=100", user)
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
    }

    private List<String> search(String user, String query) {
        return MemoriesApi.searchTexts(user, query, 5);
    }

    @Test
    void concurrentWritersLeaveTheIndexHoldingExactlyTheDatabasesMemories() throws Exception {
        String user = Users.fresh("osbusy");
        String shared = MemoriesApi.add(user, Map.of("text", "shared note 0"));
        List<String> added = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                for (int i = 0; i < 5; i++) {
                    String id = MemoriesApi.add(user, Map.of("text", "client " + client + " wrote note " + i));
                    added.add(id);
                    given().contentType(ContentType.JSON)
                            .body(Map.of("text", "shared note by " + client + "/" + i))
                            .patch("/v1/users/{u}/memories/{id}", user, shared)
                            .then()
                            .statusCode(200);
                    if (i == 4) {
                        given().delete("/v1/users/{u}/memories/{id}", user, id)
                                .then()
                                .statusCode(204);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();

        // Searchable when each call returned: the index already holds exactly the database's memories, each once.
        List<String> inIndex = documentsOf(user);
        assertThat(inIndex).doesNotHaveDuplicates();
        assertThat(new HashSet<>(inIndex)).isEqualTo(new HashSet<>(databaseIdsOf(user)));
        assertThat(inIndex).hasSize(1 + 8 * 4);
        // The memory everyone changed holds its last text in the index, not an older one that arrived late.
        String last = given().get("/v1/users/{u}/memories/{id}", user, shared).path("text");
        assertThat(search(user, last).get(0)).isEqualTo(last);
        assertThat(given().get("/v1/users/{u}/memories/{id}/history", user, shared)
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("events"))
                .hasSize(1 + 8 * 5);
    }

    @Test
    void forgettingAUserEmptiesTheIndexOfThem() throws Exception {
        String user = Users.fresh("osforget");
        String other = Users.fresh("oskeep");
        MemoriesApi.add(user, Map.of("text", "My passport number is in the blue drawer"));
        MemoriesApi.add(other, Map.of("text", "My passport is at the bank"));
        assertThat(documentsOf(user)).hasSize(1);

        given().delete("/v1/users/{u}", user).then().statusCode(204);

        assertThat(documentsOf(user)).isEmpty();
        assertThat(documentsOf(other)).hasSize(1);
        assertThat(search(other, "where is my passport")).containsExactly("My passport is at the bank");
    }

    @Test
    void aLostIndexIsRebuiltFromTheDatabase() throws Exception {
        String user = Users.fresh("oslost");
        MemoriesApi.add(user, Map.of("text", "The spare key hangs behind the garage door"));
        HttpResponse<String> dropped = http.send(
                HttpRequest.newBuilder(URI.create(OpenSearchNode.shared().url() + "/" + indexName))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(dropped.statusCode()).as(dropped.body()).isEqualTo(200);

        given().post("/v1/admin/reindex").then().statusCode(200);

        assertThat(search(user, "where is the spare key")).contains("The spare key hangs behind the garage door");
        assertThat(documentsOf(user)).hasSize(1);
    }

    @Test
    void aRepairRemovesWhatTheDatabaseNoLongerHasAndReindexesWhatIsStale() throws Exception {
        String user = Users.fresh("osorphan");
        MemoriesApi.add(user, Map.of("text", "The bicycle lock code is on the fridge"));
        String kept = documentsOf(user).get(0);
        String ghost = "00000000-0000-0000-0000-00000000beef";
        index.upsert(List.of(
                new IndexedMemory(ghost, Owner.of(user), "ghost", null, "", "note", Instant.now(), 1, 1, null)));
        assertThat(documentsOf(user)).containsExactlyInAnyOrder(kept, ghost);
        assertThat(index.versionsOf(List.of(kept, ghost))).containsOnlyKeys(kept, ghost);

        IndexRepairService.RepairReport report = repair.reconcile();

        assertThat(report.removed()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(documentsOf(user)).containsExactly(kept));
        assertThat(index.versionsOf(List.of(kept, ghost))).containsOnlyKeys(kept);
        assertThat(index.idsAfter("", 10_000))
                .contains(kept)
                .doesNotContain(ghost)
                .isSorted();
    }

    @Test
    void anOutageCostsSearchesButNoWriteAndTheOutboxCatchesUp() throws Exception {
        String user = Users.fresh("osdown");
        MemoriesApi.add(user, Map.of("text", "I keep bees on the roof"));
        OpenSearchNode node = OpenSearchNode.shared();
        node.stop();
        Set<String> during;
        try {
            String id = MemoriesApi.add(user, Map.of("text", "The bees swarmed in June"));
            during = Set.of(id);
            given().contentType(ContentType.JSON)
                    .body(Map.of("query", "bees"))
                    .post("/v1/users/{u}/memories/search", user)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .contentType("application/problem+json");
            given().get("/q/health/ready").then().statusCode(503);
            // The metrics show the change waiting for the index.
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> outboxLagMs() > 0);
        } finally {
            node.start();
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(documentsOf(user)).containsAll(during));
        assertThat(search(user, "when did the bees swarm")).contains("The bees swarmed in June");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxLagMs() == 0);
    }

    @Test
    void aDrainerSkipsTheRowsAnotherDrainerHolds() throws Exception {
        Owner owner = Owner.of(Users.fresh("skiplocked"));
        scheduler.pause(); // this instance's own drains would take the rows meanwhile
        ExecutorService drainer = Executors.newSingleThreadExecutor();
        try (Connection other = dataSource.getConnection()) {
            QuarkusTransaction.requiringNew().run(() -> {
                outbox.changed(owner, "held", OutboxEntry.Op.UPSERT);
                outbox.changed(owner, "free", OutboxEntry.Op.UPSERT);
            });
            Map<String, Long> ids = QuarkusTransaction.requiringNew()
                    .call(() -> outbox.list("tenantId = ?1 and userId = ?2", owner.tenantId(), owner.userId()).stream()
                            .collect(Collectors.toMap(e -> e.memoryId, e -> e.id)));
            // another instance's drainer, mid-batch: it holds the row "held"
            other.setAutoCommit(false);
            try (PreparedStatement lock =
                    other.prepareStatement("SELECT id FROM index_outbox WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, ids.get("held"));
                assertThat(lock.executeQuery().next()).isTrue();
            }
            Future<List<Long>> taken = drainer.submit(() -> QuarkusTransaction.requiringNew()
                    .call(() -> outbox.lockNext(10_000).stream().map(e -> e.id).toList()));
            // SKIP LOCKED: at once, without the held row; a plain FOR UPDATE would wait for the other drainer
            assertThat(taken.get(10, TimeUnit.SECONDS))
                    .contains(ids.get("free"))
                    .doesNotContain(ids.get("held"));
            other.rollback();
        } finally {
            drainer.shutdownNow();
            QuarkusTransaction.requiringNew()
                    .run(() -> outbox.delete("tenantId = ?1 and userId = ?2", owner.tenantId(), owner.userId()));
            scheduler.resume();
        }
    }

    /** moat_index_outbox_lag_milliseconds, as /q/metrics shows it. */
    private static double outboxLagMs() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("moat_index_outbox_lag_milliseconds"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no moat_index_outbox_lag_milliseconds in /q/metrics"));
    }
}
