package dev.moat.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.moat.support.ProviderStubServer;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Keys on every /v1 call, as in production: who may see what. */
@QuarkusTest
@TestProfile(KeysOnProfile.class)
@QuarkusTestResource(ProviderStubServer.class)
class KeysTest {

    /** Where the first start wrote the admin key: the data folder of this run (H2's or PostgreSQL's). */
    private static Path adminKeyFile() {
        return ConfigProvider.getConfig().getValue("moat.data-dir", Path.class).resolve("admin.key");
    }

    @Inject
    KeyService keys;

    private static String adminKey() throws Exception {
        return Files.readString(adminKeyFile()).strip();
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType("application/json");
    }

    private static String addMemory(String key, String user, String text) {
        return as(key).body(Map.of("text", text))
                .post("/v1/users/{u}/memories", user)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String userKey(String admin, String user) {
        return as(admin)
                .body(Map.of("role", "user", "userId", user))
                .post("/v1/admin/keys")
                .then()
                .statusCode(201)
                .body("role", equalTo("user"))
                .extract()
                .path("key");
    }

    @Test
    void theFirstStartWritesAnOwnerOnlyAdminKey() throws Exception {
        assertThat(adminKeyFile()).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(adminKeyFile())))
                .isEqualTo("rw-------");
        assertThat(adminKey()).startsWith(KeyService.PREFIX).hasSizeGreaterThan(40);
        as(adminKey())
                .get("/v1/admin/keys")
                .then()
                .statusCode(200)
                .body("[0].role", equalTo("admin"))
                .body("[0]", not(hasKey("key")));
    }

    @Test
    void withoutAValidKeyTheApiAnswers401AndHealthStaysOpen() throws Exception {
        given().get("/v1/users/{u}/stats", "anyone")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("Authorization: Bearer"));
        given().header("Authorization", "Bearer moat_not-a-key")
                .get("/v1/users/{u}/stats", "anyone")
                .then()
                .statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
        // The dashboard sends a browser without a key to its login page.
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", containsString("/login"));
    }

    /** The answer to an import upload that declares a body of this size and sends none of it. */
    private static String uploadWithoutItsBody(String user, String authorization) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /v1/users/" + user + "/imports?format=chatgpt HTTP/1.1\r\nHost: localhost\r\n"
                    + authorization + "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    @Test
    void anImportUploadIsReceivedOnlyFromAKeyThatMayActForItsUser() throws Exception {
        String admin = adminKey();
        String alice = Users.fresh("alice");
        String bob = Users.fresh("bob");
        String key = userKey(admin, alice);
        // Refused before a byte of the body is read: a server that took the body first would wait for it.
        assertThat(uploadWithoutItsBody(alice, "")).startsWith("HTTP/1.1 401");
        assertThat(uploadWithoutItsBody(bob, "Authorization: Bearer " + key + "\r\n"))
                .startsWith("HTTP/1.1 404");

        String job = as(key).queryParam("format", "chatgpt")
                .body("[]")
                .post("/v1/users/{u}/imports", alice)
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        as(key).get("/v1/users/{u}/imports/{id}", alice, job).then().statusCode(200);
        as(key).get("/v1/users/{u}/imports/{id}", bob, job).then().statusCode(404);
        as(userKey(admin, bob))
                .get("/v1/users/{u}/imports/{id}", alice, job)
                .then()
                .statusCode(404);
    }

    @Test
    void aUserKeyActsForItsUserOnlyAndLearnsNothingOfOthers() throws Exception {
        String admin = adminKey();
        String alice = Users.fresh("alice");
        String bob = Users.fresh("bob");
        addMemory(admin, alice, "I keep bees");
        String bobs = addMemory(admin, bob, "Bob's secret recipe uses saffron");
        String key = userKey(admin, alice);

        as(key).get("/v1/users/{u}/stats", alice).then().statusCode(200).body("total", equalTo(1));
        addMemory(key, alice, "and two cats");
        // Every way to reach Bob answers as for a user who does not exist.
        for (String path : List.of(
                "/v1/users/{u}/memories",
                "/v1/users/{u}/memories/" + bobs,
                "/v1/users/{u}/memories/" + bobs + "/history",
                "/v1/users/{u}/stats",
                "/v1/users/{u}/export",
                "/v1/users/{u}/sessions",
                "/v1/users/{u}/switching-cost?target=offline")) {
            as(key).get(path, bob).then().statusCode(404).body(not(containsString("saffron")));
        }
        as(key).body(Map.of("query", "saffron"))
                .post("/v1/users/{u}/memories/search", bob)
                .then()
                .statusCode(404);
        as(key).delete("/v1/users/{u}", bob).then().statusCode(404);
        as(key).delete("/v1/users/{u}/memories/{id}", bob, bobs).then().statusCode(404);
        as(key).body(Map.of("userId", bob, "message", "what is my recipe?"))
                .post("/v1/chat")
                .then()
                .statusCode(404);
        as(key).body(Map.of(
                        "model",
                        "offline",
                        "user",
                        bob,
                        "messages",
                        List.of(Map.of("role", "user", "content", "recipe?"))))
                .post("/v1/chat/completions")
                .then()
                .statusCode(404);
        // The OpenAI-compatible API takes the key's user when the request names none.
        as(key).body(Map.of("model", "offline", "messages", List.of(Map.of("role", "user", "content", "my bees?"))))
                .post("/v1/chat/completions")
                .then()
                .statusCode(200)
                .body("choices[0].message.content", containsString("bees"))
                .body("choices[0].message.content", not(containsString("saffron")));
        // Admin work is not a user key's.
        as(key).get("/v1/admin/keys").then().statusCode(403);
        as(key).get("/v1/experiments").then().statusCode(403);
        as(key).post("/v1/admin/reindex").then().statusCode(403);
        // Bob's memory is untouched.
        as(admin).get("/v1/users/{u}/stats", bob).then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void anAdminKeyNeverCrossesTenants() throws Exception {
        String alice = Users.fresh("alice");
        String memory = addMemory(adminKey(), alice, "Alice's bank is in Porto");
        String other = keys.create("other-tenant", Role.ADMIN, null).key();

        as(other).get("/v1/users/{u}/memories/{id}", alice, memory).then().statusCode(404);
        as(other).get("/v1/users/{u}/export", alice).then().statusCode(404);
        as(other).get("/v1/users/{u}/memories", alice).then().statusCode(200).body("items.size()", equalTo(0));
        as(other)
                .body(Map.of("query", "bank"))
                .post("/v1/users/{u}/memories/search", alice)
                .then()
                .statusCode(200)
                .body("hits.size()", equalTo(0));
        String firstKeyId =
                as(adminKey()).get("/v1/admin/keys").then().extract().path("[0].id");
        as(other).delete("/v1/admin/keys/{id}", firstKeyId).then().statusCode(404);
        as(adminKey()).get("/v1/users/{u}/stats", alice).then().statusCode(200);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() throws Exception {
        String admin = adminKey();
        String user = Users.fresh("rev");
        addMemory(admin, user, "note");
        var created = as(admin)
                .body(Map.of("role", "user", "userId", user))
                .post("/v1/admin/keys")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        as(created.getString("key")).get("/v1/users/{u}/stats", user).then().statusCode(200);
        as(admin).delete("/v1/admin/keys/{id}", created.getString("id")).then().statusCode(204);
        as(created.getString("key")).get("/v1/users/{u}/stats", user).then().statusCode(401);
        as(admin).body(Map.of("role", "user")).post("/v1/admin/keys").then().statusCode(400);
        as(admin).body(Map.of("role", "root")).post("/v1/admin/keys").then().statusCode(400);
    }

    @Test
    void theDashboardTakesAnAdminKeyThroughItsLoginForm() throws Exception {
        String user = Users.fresh("dash");
        String userKey = userKey(adminKey(), user);
        given().formParam("key", userKey).post("/login").then().statusCode(401);
        String cookie = given().redirects()
                .follow(false)
                .formParam("key", adminKey())
                .post("/login")
                .then()
                .statusCode(303)
                .header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Strict"))
                .extract()
                .cookie(AuthFilter.COOKIE);
        given().cookie(AuthFilter.COOKIE, cookie)
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString("Users"));
        given().cookie(AuthFilter.COOKIE, userKey).get("/").then().statusCode(403);
    }

    @Test
    void aBurstOverAKeysRateLimitGets429WithRetryAfterAndOtherKeysGoOn() throws Exception {
        String user = Users.fresh("burst");
        String key = userKey(adminKey(), user);
        int ok = 0;
        io.restassured.response.Response limited = null;
        for (int i = 0; i < 500 && limited == null; i++) {
            io.restassured.response.Response r = as(key).get("/v1/models");
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
                ok++;
            }
        }
        assertThat(limited).as("no 429 in 500 requests").isNotNull();
        assertThat(ok).isGreaterThanOrEqualTo(60); // the burst goes through
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 5);
        // The limit is the key's own: another key is served meanwhile.
        as(adminKey()).get("/v1/models").then().statusCode(200);
    }

    @Test
    void noKeyReachesALogLineAResponseAnExportOrTheMetrics() throws Exception {
        String admin = adminKey();
        String user = Users.fresh("secret");
        String key = userKey(admin, user);
        addMemory(key, user, "my locker code is 4711");
        // A chat through a provider configured with an API key (the stubs' keys are test-key-<name>), one that
        // fails over, and refused requests with wrong keys: everything that could log a key.
        as(key).body(Map.of("userId", user, "message", "locker?", "provider", "openai-stub"))
                .post("/v1/chat")
                .then()
                .statusCode(200);
        as(key).body(Map.of("userId", user, "message", "locker?", "provider", "flaky"))
                .post("/v1/chat")
                .then()
                .statusCode(200);
        given().header("Authorization", "Bearer " + key + "x")
                .get("/v1/models")
                .then()
                .statusCode(401);
        String providers =
                as(admin).get("/v1/providers").then().statusCode(200).extract().asString();
        String export = as(key).get("/v1/users/{u}/export", user)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        String log = Files.readString(Path.of("target/quarkus-test.log"));
        assertThat(log).contains("admin key for tenant default is in"); // the file is this run's log
        for (String text : List.of(providers, export, metrics, log)) {
            assertThat(text).doesNotContain(admin, key, "test-key-openai-stub", "test-key-flaky");
        }
    }
}
