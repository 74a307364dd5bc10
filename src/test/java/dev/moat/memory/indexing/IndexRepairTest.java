package dev.moat.memory.indexing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;

import dev.moat.embed.EmbeddingService;
import dev.moat.embed.Vectors;
import dev.moat.index.IndexedMemory;
import dev.moat.index.MemoryIndex;
import dev.moat.memory.MemoryRepository;
import dev.moat.memory.MemoryStore;
import dev.moat.memory.NewMemory;
import dev.moat.support.PersistenceTest;
import dev.moat.support.Users;
import dev.moat.user.Owner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The index can always be brought back to exactly the database's memories. */
@QuarkusTest
@PersistenceTest
class IndexRepairTest {

    @Inject
    MemoryIndex index;

    @Inject
    IndexRepairService repair;

    @Inject
    MemoryStore store;

    @Inject
    MemoryRepository memories;

    @Inject
    RepairQueries database;

    @Inject
    EmbeddingService embeddings;

    private Map<String, Long> databaseVersions() {
        Map<String, Long> versions = new HashMap<>();
        String after = "";
        for (List<RepairQueries.MemoryVersion> page = database.versionsAfter(after, 1000);
                !page.isEmpty();
                page = database.versionsAfter(after, 1000)) {
            for (RepairQueries.MemoryVersion row : page) {
                versions.put(row.id(), row.version());
                after = row.id();
            }
        }
        return versions;
    }

    private void addThroughApi(String user, String text) {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", text))
                .post("/v1/users/{u}/memories", user)
                .then()
                .statusCode(201);
    }

    private void assertSearchFinds(String user, String query, int hits) {
        given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "k", 100))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                .body("hits", hasSize(hits));
    }

    @Test
    void catchesUpWithMemoriesTheIndexMissed() {
        String user = Users.fresh("behind");
        addThroughApi(user, "indexed normally");
        // A crash between the database commit and the index update leaves exactly this state.
        NewMemory missed = new NewMemory("committed but never indexed zebra");
        byte[] vector =
                Vectors.toBytes(embeddings.embedAll(List.of(missed.text())).get(0));
        store.insert(
                Owner.of(user), List.of(new MemoryStore.Draft(missed, vector)), embeddings.modelName(), Instant.now());
        // The index does not know the missed memory: search returns only the one it holds.
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "zebra", "k", 100))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .body("hits.memory.text", equalTo(List.of("indexed normally")));
        assertThat(index.versions()).isNotEqualTo(databaseVersions());

        IndexRepairService.RepairReport report = repair.reconcile();

        assertThat(report.indexed()).isGreaterThanOrEqualTo(1);
        assertThat(index.versions()).isEqualTo(databaseVersions());
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "zebra", "k", 1))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .body("hits[0].memory.text", equalTo("committed but never indexed zebra"));
    }

    @Test
    void reembedsMemoriesAnotherModelEmbedded() {
        String user = Users.fresh("oldmodel");
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("text", "a memory from before the model changed"))
                .post("/v1/users/{u}/memories", user)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // As a database written under another moat.embedding.model holds it: index and database at the same
        // version, the vector meaningless to the current model.
        float[] foreign = new float[embeddings.dimension()];
        foreign[0] = 1;
        database.storeEmbedding(id, Vectors.toBytes(foreign), "another-model");

        IndexRepairService.RepairReport report = repair.reconcile();

        assertThat(report.reembedded()).isGreaterThanOrEqualTo(1);
        var stored = memories.find(Owner.of(user), id).orElseThrow();
        assertThat(stored.embeddingModel).isEqualTo(embeddings.modelName());
        assertThat(Vectors.fromBytes(stored.embedding))
                .containsExactly(
                        embeddings.embedAll(List.of(stored.text)).get(0), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(index.versions()).isEqualTo(databaseVersions());
    }

    @Test
    void refillsAnIndexThatLostEverything() {
        String user = Users.fresh("lost");
        addThroughApi(user, "first memory about kites");
        addThroughApi(user, "second memory about kites");
        index.deleteAll();
        assertSearchFinds(user, "kites", 0);

        repair.reconcile();

        assertThat(index.versions()).isEqualTo(databaseVersions());
        assertSearchFinds(user, "kites", 2);
    }

    @Test
    void removesEntriesTheDatabaseNoLongerHas() {
        String user = Users.fresh("orphan");
        float[] vector = embeddings.embedQuery("ghost");
        index.upsert(List.of(new IndexedMemory(
                "00000000-0000-0000-0000-00000000dead",
                Owner.of(user),
                "ghost",
                null,
                "",
                "note",
                Instant.now(),
                1,
                1,
                vector)));
        assertThat(index.versions()).containsKey("00000000-0000-0000-0000-00000000dead");
        // Search answers from the database, so the orphan is invisible even before the repair.
        assertSearchFinds(user, "ghost", 0);

        repair.reconcile();

        assertThat(index.versions()).doesNotContainKey("00000000-0000-0000-0000-00000000dead");
        assertThat(index.versions()).isEqualTo(databaseVersions());
    }

    @Test
    void theIndexIsReadAPageAtATimeInIdOrderWithoutItsDeletedDocuments() {
        String user = Users.fresh("paged");
        for (String word : List.of("alpha", "bravo", "charlie", "delta", "echo")) {
            addThroughApi(user, "paged memory " + word);
        }
        String doomed = "00000000-0000-0000-0000-0000000000aa";
        float[] vector = embeddings.embedQuery("doomed");
        index.upsert(List.of(
                new IndexedMemory(doomed, Owner.of(user), "doomed", null, "", "note", Instant.now(), 1, 1, vector)));
        index.delete(List.of(doomed)); // deleted, but its id stays a term of its segment until a merge

        List<String> paged = new ArrayList<>();
        for (List<String> page = index.idsAfter("", 2);
                !page.isEmpty();
                page = index.idsAfter(page.get(page.size() - 1), 2)) {
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            paged.addAll(page);
        }
        Map<String, Long> inDatabase = databaseVersions();
        assertThat(paged).doesNotContain(doomed).isSorted().containsExactlyInAnyOrderElementsOf(inDatabase.keySet());

        String first = paged.get(0);
        String unknown = "ffffffff-0000-0000-0000-000000000000";
        assertThat(index.versionsOf(List.of(first, unknown, doomed)))
                .containsExactly(Map.entry(first, inDatabase.get(first)));
    }

    @Test
    void rebuildsOnDemand() {
        String user = Users.fresh("reindex");
        addThroughApi(user, "rebuild me please");
        long memories = databaseVersions().size();

        given().post("/v1/admin/reindex")
                .then()
                .statusCode(200)
                .body("memories", equalTo((int) memories))
                .body("indexed", equalTo((int) memories));

        assertThat(index.versions()).isEqualTo(databaseVersions());
        assertSearchFinds(user, "rebuild", 1);
        given().get("/v1/admin/index")
                .then()
                .statusCode(200)
                .body("memories", equalTo((int) memories))
                .body("segments", greaterThanOrEqualTo(1))
                // surefire runs with --add-modules jdk.incubator.vector, as the README starts the service
                .body("vectorMath", equalTo("simd"));
    }
}
