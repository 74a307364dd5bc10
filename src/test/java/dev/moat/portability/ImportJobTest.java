package dev.moat.portability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.moat.bench.SyntheticChatGptExport;
import dev.moat.memory.MemoryRepository;
import dev.moat.memory.MemoryService;
import dev.moat.support.PersistenceTest;
import dev.moat.support.Users;
import dev.moat.user.Owner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Import jobs: an export past the 8 MiB body limit is answered at once with a job, imported in parts (searchable by
 * BM25 as they land), then given its vectors; a bad document fails its job and keeps nothing; a cancel stops it.
 * The tests' part size is 20 conversations, their upload limit 12 MiB (application.properties).
 */
@QuarkusTest
@PersistenceTest
class ImportJobTest {

    private static final int CONVERSATIONS = 60;
    private static final int TURNS = 5;
    /** 60 x 5 replies of 30,000 chars: about 9 MB, past the 8 MiB body limit. */
    private static final int REPLY_CHARS = 30_000;

    @Inject
    MemoryRepository memories;

    @Inject
    MemoryService memoryService;

    @Inject
    PassportService passports;

    @Inject
    DocumentParts documents;

    @ConfigProperty(name = "moat.imports.dir")
    Path uploads;

    private static String export(int conversations, int turns, int replyChars) throws IOException {
        StringWriter out = new StringWriter();
        SyntheticChatGptExport.write(out, conversations, turns, replyChars, 7);
        return out.toString();
    }

    private static JsonPath submit(String user, String format, String body) {
        return given().contentType(ContentType.JSON)
                .queryParam("format", format)
                .body(body)
                .post("/v1/users/{u}/imports", user)
                .then()
                .statusCode(202)
                .header("Location", containsString("/v1/users/" + user + "/imports/"))
                .extract()
                .jsonPath();
    }

    private static JsonPath job(String user, String id) {
        return given().get("/v1/users/{u}/imports/{id}", user, id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath ended(String user, String id) {
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> job(user, id), j -> !List.of("queued", "checking", "importing", "embedding")
                        .contains(j.getString("status")));
    }

    private long withoutVector(String user) {
        return memories.count("userId = ?1 and embedding is null", user);
    }

    @Test
    void anExportPastTheBodyLimitIsImportedAsAJobAndFullySearchableWhenItEnds() throws IOException {
        String user = Users.fresh("import-job");
        String body = export(CONVERSATIONS, TURNS, REPLY_CHARS);
        assertThat(body.length()).isGreaterThan(8 * 1024 * 1024);
        JsonPath queued = submit(user, "chatgpt", body);
        assertThat(queued.getString("status")).isIn("queued", "checking", "importing");
        assertThat(queued.getLong("bytes")).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        JsonPath done = ended(user, queued.getString("id"));

        assertThat(done.getString("status")).isEqualTo("done");
        assertThat(done.getMap("progress"))
                .containsEntry("partsDone", 3)
                .containsEntry("partsTotal", 3)
                .containsEntry("memoriesAdded", CONVERSATIONS * TURNS)
                .containsEntry("messagesAdded", 2 * CONVERSATIONS * TURNS)
                .containsEntry("vectorsDone", CONVERSATIONS * TURNS);
        Instant searchable = Instant.parse(done.getString("searchableAt"));
        assertThat(searchable).isBeforeOrEqualTo(Instant.parse(done.getString("finishedAt")));
        assertThat(withoutVector(user)).isZero();
        try (Stream<Path> left = Files.list(uploads)) {
            assertThat(left).as("uploads left behind").isEmpty();
        }
        searchFinds(user, SyntheticChatGptExport.marker(47, 3));
        given().get("/v1/users/{u}/imports", user)
                .then()
                .statusCode(200)
                .body("[0].id", equalTo(queued.getString("id")));

        // The same export again adds nothing.
        JsonPath again = ended(user, submit(user, "chatgpt", body).getString("id"));
        assertThat(again.getString("status")).isEqualTo("done");
        assertThat(again.getInt("progress.memoriesAdded")).isZero();
        assertThat(again.getInt("progress.memoriesSkipped")).isEqualTo(CONVERSATIONS * TURNS);
        assertThat(memories.count("userId", user)).isEqualTo(CONVERSATIONS * TURNS);

        // Another user's jobs are not there for this one.
        given().get("/v1/users/{u}/imports/{id}", Users.fresh("other"), queued.getString("id"))
                .then()
                .statusCode(404);
    }

    @Test
    void aDocumentBrokenInItsLastPartFailsItsJobAndNothingIsKept() throws IOException {
        String user = Users.fresh("import-broken");
        String good = export(45, 2, 100);
        // The 45th conversation loses its mapping: the schema requires one.
        int last = good.lastIndexOf("\"mapping\"");
        String broken = good.substring(0, last) + "\"mapp\"" + good.substring(last + "\"mapping\"".length());
        JsonPath failed = ended(user, submit(user, "chatgpt", broken).getString("id"));
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("error")).startsWith("not a valid chatgpt document: at $[44]");
        assertThat(memories.count("userId", user)).isZero();

        JsonPath notJson = ended(
                user,
                submit(user, "chatgpt", good.substring(0, good.length() / 2)).getString("id"));
        assertThat(notJson.getString("status")).isEqualTo("failed");
        assertThat(notJson.getString("error")).startsWith("not valid JSON at line");
        assertThat(memories.count("userId", user)).isZero();
    }

    @Test
    void aCancelledJobStopsAndKeepsWhatLanded() throws IOException {
        String user = Users.fresh("import-cancel");
        String id = submit(user, "chatgpt", export(200, 2, 200)).getString("id");
        JsonPath cancelled = given().delete("/v1/users/{u}/imports/{id}", user, id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        // The worker sees it at its next part at the latest, and writes nothing after.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Stream<Path> left = Files.list(uploads)) {
                assertThat(left).isEmpty();
            }
        });
        JsonPath after = job(user, id);
        assertThat(after.getString("status")).isEqualTo("cancelled");
        assertThat(memories.count("userId", user)).isEqualTo(after.getLong("progress.memoriesAdded"));
        assertThat(after.getInt("progress.memoriesAdded")).isLessThanOrEqualTo(20 * 2);

        given().delete("/v1/users/{u}/imports/{id}", user, "no-such-job").then().statusCode(404);
        String done = ended(user, submit(user, "chatgpt", export(1, 1, 10)).getString("id"))
                .getString("id");
        given().delete("/v1/users/{u}/imports/{id}", user, done)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("has ended already: done"));
    }

    @Test
    void badRequestsAreRefusedAndTheirUploadsAreNotKept() throws IOException {
        String user = Users.fresh("import-bad");
        given().contentType(ContentType.JSON)
                .queryParam("format", "myspace")
                .body("[]")
                .post("/v1/users/{u}/imports", user)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("unknown format 'myspace'"));
        // Refused from the declared length, before the body: a raw socket reads the answer without sending it.
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /v1/users/" + user + "/imports HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (13 * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 413")
                    .contains("application/problem+json")
                    .contains("moat.imports.max-upload-size");
        }
        try (Stream<Path> left = Files.list(uploads)) {
            assertThat(left).isEmpty();
        }
        assertThat(memories.count("userId", user)).isZero();
    }

    @Test
    void aPartIsFoundByBm25BeforeItsVectorsAndStaysFoundAfter() throws IOException {
        String user = Users.fresh("import-part");
        Owner owner = new Owner(Owner.DEFAULT_TENANT, user);
        Path file = Files.createTempFile("export", ".json");
        Files.writeString(file, export(3, 2, 50));
        List<String> added = new ArrayList<>();
        int parts = documents.read(file, ImportFormat.CHATGPT, user, 2, part -> {
            passports.importPart(owner, part).added().forEach(m -> added.add(m.id));
            return true;
        });
        Files.delete(file);
        assertThat(parts).isEqualTo(2);
        assertThat(added).hasSize(6);
        assertThat(withoutVector(user)).isEqualTo(6);
        String marker = SyntheticChatGptExport.marker(2, 1);
        searchFinds(user, marker);

        assertThat(memoryService.fillVectors(owner, added)).isEqualTo(6);
        assertThat(withoutVector(user)).isZero();
        assertThat(memoryService.fillVectors(owner, added))
                .as("nothing left to fill")
                .isZero();
        searchFinds(user, marker);
    }

    private static void searchFinds(String user, String marker) {
        given().contentType(ContentType.JSON)
                .body(Map.of("query", marker))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                // BM25's first hit (a nonsense word ties with the vector's first, which may be listed before it)
                .body("hits.find { it.ranks.bm25 == 1 }.memory.text", containsString(marker));
    }
}
