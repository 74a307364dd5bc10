package dev.moat.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.moat.support.PostgresProxy;
import dev.moat.support.TcpProxy;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL taken away under a running Moat (every connection dropped, new ones refused) and given back: while it
 * is gone, requests get 503 problem+json with Retry-After and readiness is DOWN; when it returns, Moat serves again
 * without a restart, and what it had accepted before is there. Runs on the PostgreSQL run, where the app reaches
 * the database through {@link PostgresProxy}; the embedded H2 database has no network to lose.
 */
@QuarkusTest
@QuarkusTestResource(PostgresProxy.class)
class DatabaseOutageTest {

    @Test
    void answers503WhileTheDatabaseIsGoneAndRecoversWithoutARestart() throws Exception {
        TcpProxy proxy = PostgresProxy.current();
        Assumptions.assumeTrue(proxy != null, "runs on the PostgreSQL run (H2 is embedded: nothing to cut)");
        String user = Users.fresh("outage");
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "my passport expires in March"))
                .post("/v1/users/{u}/memories", user)
                .then()
                .statusCode(201);

        proxy.cut();
        try {
            Response write = given().contentType(ContentType.JSON)
                    .body(Map.of("text", "written while the database is down"))
                    .post("/v1/users/{u}/memories", user);
            assertThat(write.statusCode()).as(write.asString()).isEqualTo(503);
            assertThat(write.contentType()).startsWith("application/problem+json");
            assertThat(write.header("Retry-After")).isEqualTo("5");
            assertThat(write.jsonPath().getString("detail")).contains("database");

            given().get("/v1/users/{u}/memories", user).then().statusCode(503);
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            proxy.restore();
        }

        // Back without a restart: the pool reconnects on demand; the first request may still meet a dropped
        // connection, so allow the pool a few seconds.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    int status = given().get("/v1/users/{u}/memories", user).statusCode();
                    assertThat(status).as("while the pool reconnects").isIn(200, 503);
                    return status == 200;
                });
        given().get("/v1/users/{u}/memories", user)
                .then()
                .statusCode(200)
                .body("items.text", hasItem("my passport expires in March"));
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "written after the database came back"))
                .post("/v1/users/{u}/memories", user)
                .then()
                .statusCode(201);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
