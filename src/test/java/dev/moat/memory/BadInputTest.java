package dev.moat.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input gets 400 or 413 as application/problem+json with a message naming the problem; never 500. */
@QuarkusTest
class BadInputTest {

    private final String user = Users.fresh("bad");

    private io.restassured.response.ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).post(path, user).then();
    }

    @Test
    void refusesEmptyAndBlankText() {
        post("/v1/users/{u}/memories", Map.of("text", ""))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("text"));
        post("/v1/users/{u}/memories", Map.of("text", "   ")).statusCode(400);
        post("/v1/users/{u}/memories", Map.of()).statusCode(400);
    }

    @Test
    void refusesAFieldNamedTwice() {
        post("/v1/users/{u}/memories", "{\"text\": \"a\", \"text\": \"b\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("Duplicate field 'text'"));
        // A one-field body too, where Jackson's fallback for the second value used to be a 500.
        given().contentType(ContentType.JSON)
                .body("{\"provider\": \"offline\", \"provider\": 3}")
                .put("/v1/users/{u}/provider", user)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void refusesTextAndQueriesWithNothingToEmbed() {
        String invisible = "\u0000\t\u0001\u001b\u202e\u001b";
        post("/v1/users/{u}/memories", Map.of("text", invisible))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("nothing to embed"));
        post("/v1/users/{u}/memories/search", Map.of("query", invisible)).statusCode(400);
        given().get("/v1/users/{u}/stats", user).then().body("total", equalTo(0));
    }

    @Test
    void refusesTextOverTheLimit() {
        post("/v1/users/{u}/memories", Map.of("text", "x".repeat(MemoryLimits.MAX_TEXT_CHARS + 1)))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("text"));
    }

    @Test
    void refusesABodyOverTheRequestLimitWith413() throws IOException {
        // The server answers from the declared length, before the body; a raw socket reads that answer without
        // having its upload cut off half way.
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /v1/users/" + user + "/memories HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (9 * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // The server closes the connection after its answer, so reading to the end returns.
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response)
                    .startsWith("HTTP/1.1 413")
                    .contains("application/problem+json")
                    .contains("at most 8388608");
        }
    }

    @Test
    void refusesAChunkedBodyThatGrowsPastTheLimitWith413() throws Exception {
        // No Content-Length: the server reads the body (BodyBuffering) until it passes the limit, then answers and
        // closes. The answer is read while the upload is still going, since the close cuts the upload off.
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                        answer.write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    // the connection reset after the answer: what came before it is kept
                }
            });
            reader.start();
            String head = "POST /v1/users/" + user + "/memories HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                for (int sent = 0; sent < 9 * 1024 * 1024; sent += 0x10000) {
                    socket.getOutputStream().write(chunk);
                }
                socket.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the server closed the connection after answering
            }
            reader.join(10_000);
            assertThat(answer.toString(StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 413")
                    .contains("application/problem+json")
                    .contains("grew past 8388608 bytes");
        }
        given().get("/v1/users/{u}/stats", user).then().body("total", equalTo(0));
    }

    @Test
    void answersAnEmptyBodyAtOnce() {
        // Content-Length: 0 is a body that has ended already: nothing waits for more of it (a DashboardTest hang).
        given().contentType(ContentType.JSON)
                .body("")
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void answersAnHttp2RequestWithABody() throws Exception {
        // h2c, as the JDK client LangChain4j uses speaks it: a body read ahead of the REST layer used to be a 500
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        URI base = URI.create("http://localhost:" + RestAssured.port + "/v1/users/" + user + "/memories");
        HttpResponse<String> upgrade =
                client.send(HttpRequest.newBuilder(base).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upgrade.statusCode()).isEqualTo(200);
        HttpResponse<String> added = client.send(
                HttpRequest.newBuilder(base)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"I keep bees on the roof\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(added.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(added.body()).contains("I keep bees on the roof");
    }

    @Test
    void keepsAMemoryWhoseStatementIsTooLongToExtract() {
        String text = "I like tea " + "x".repeat(3000);
        post("/v1/users/{u}/memories", Map.of("text", text)).statusCode(201).body("text", equalTo(text));
    }

    @Test
    void refusesAMalformedFormWithAProblemDocument() {
        // a percent sign that escapes nothing: a form decoder answers it with a bare 400 (FuzzIT's request 552)
        given().contentType("application/x-www-form-urlencoded")
                .body("+^4U%8# =a")
                .post("/v1/users/{u}/memories/batch", user)
                .then()
                .statusCode(both(greaterThanOrEqualTo(400)).and(lessThan(500)))
                .contentType("application/problem+json");
    }

    @Test
    void refusesMalformedJsonAndWrongTypes() {
        given().contentType(ContentType.JSON)
                .body("{\"text\": ")
                .post("/v1/users/{u}/memories", user)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
        post("/v1/users/{u}/memories", Map.of("text", "ok", "kind", "gossip"))
                .statusCode(400)
                .body("detail", containsString("message, fact, preference, note"));
        post("/v1/users/{u}/memories", Map.of("text", "ok", "occurredAt", "yesterday"))
                .statusCode(400)
                .body("detail", containsString("occurredAt"));
        post("/v1/users/{u}/memories", List.of("not", "an", "object")).statusCode(400);
    }

    @Test
    void refusesABodyThatIsTextInNoEncoding() {
        // Leading zero bytes make Jackson read UTF-32, and the bytes after them are no UTF-32 character (a fuzz case).
        byte[] body = {0, 0, 0, 0x1b, (byte) 0xe2, (byte) 0x80, (byte) 0xae, ' '};
        for (String path : List.of("/v1/users/{u}/memories", "/v1/users/{u}/import?format=passport")) {
            given().contentType(ContentType.JSON)
                    .body(body)
                    .post(path, user)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Malformed JSON"))
                    .body("detail", containsString("not JSON text"));
        }
    }

    @Test
    void refusesOversizedMetadataAndBatches() {
        post("/v1/users/{u}/memories", Map.of("text", "ok", "metadata", Map.of("blob", "z".repeat(20_000))))
                .statusCode(400)
                .body("detail", containsString("metadata"));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i <= MemoryLimits.MAX_BATCH; i++) {
            batch.add(Map.of("text", "m"));
        }
        post("/v1/users/{u}/memories/batch", batch).statusCode(400);
        post("/v1/users/{u}/memories/batch", List.of()).statusCode(400);
    }

    @Test
    void refusesBadSearches() {
        post("/v1/users/{u}/memories/search", Map.of("query", "")).statusCode(400);
        post("/v1/users/{u}/memories/search", Map.of("query", "x", "k", 0)).statusCode(400);
        post("/v1/users/{u}/memories/search", Map.of("query", "x", "k", 101))
                .statusCode(400)
                .body("detail", containsString("k"));
        post("/v1/users/{u}/memories/search", Map.of("query", "q".repeat(MemoryLimits.MAX_QUERY_CHARS + 1)))
                .statusCode(400);
        post(
                        "/v1/users/{u}/memories/search",
                        Map.of("query", "x", "from", "2024-02-01T00:00:00Z", "to", "2024-01-01T00:00:00Z"))
                .statusCode(400)
                .body("detail", containsString("after"));
    }

    @Test
    void refusesBadUserIdsCursorsAndLimits() {
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "ok"))
                .post("/v1/users/{u}/memories", "bad user!")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().get("/v1/users/{u}/memories?cursor=garbage", user).then().statusCode(400);
        given().get("/v1/users/{u}/memories?limit=0", user).then().statusCode(400);
        given().get("/v1/users/{u}/memories?limit=abc", user)
                .then()
                .statusCode(400)
                .body("detail", containsString("limit"));
        given().get("/v1/users/{u}/memories?limit=201", user).then().statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of())
                .patch("/v1/users/{u}/memories/{id}", user, "nope")
                .then()
                .statusCode(400);
    }

    @Test
    void answersUnknownIdsWith404() {
        given().get("/v1/users/{u}/memories/{id}", user, "../../etc/passwd")
                .then()
                .statusCode(404);
        given().get("/v1/users/{u}/memories/{id}", user, "00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString(user));
    }
}
