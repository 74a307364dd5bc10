package dev.moat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SystemEndpointsTest {

    @Test
    void reportsReadyOnceTheIndexIsUsable() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'index' }.status", equalTo("UP"));
    }

    @Test
    void publishesTheApiDescription() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/v1/users/{userId}/memories/search"))
                .body("paths", hasKey("/v1/admin/reindex"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void timesMemoryWritesAndSearches() {
        String user = Users.fresh("metrics");
        given().contentType(ContentType.JSON).body(Map.of("text", "count me")).post("/v1/users/{u}/memories", user);
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "count"))
                .post("/v1/users/{u}/memories/search", user);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("moat_memory_writes_seconds_count{op=\"add\""))
                .body(containsString("moat_memory_searches_seconds_count"))
                .body(containsString("moat_memory_searches_seconds_bucket{le="));
    }

    @Test
    void measuresProviderCallsAndTheIndexAgainstTheDatabase() throws InterruptedException {
        String user = Users.fresh("observed");
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "message", "how long did that take?", "provider", "offline"))
                .post("/v1/chat")
                .then()
                .statusCode(200);
        given().get("/q/metrics")
                .then()
                .body(containsString("moat_provider_latency_seconds_bucket{outcome=\"ok\",provider=\"offline\""))
                .body(containsString("moat_provider_calls_total{outcome=\"ok\",provider=\"offline\"}"));
        // The gauges are read every second in tests: the chat's memory is in the index, which is current.
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    String metrics = given().get("/q/metrics").asString();
                    assertThat(gauge(metrics, "moat_index_memories")).isGreaterThanOrEqualTo(1);
                    assertThat(gauge(metrics, "moat_index_lag_changes")).isZero();
                    assertThat(gauge(metrics, "moat_index_segments")).isGreaterThanOrEqualTo(1);
                });
        given().get("/q/health/well")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'default-provider' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'default-provider' }.data.provider", equalTo("offline"))
                .body("checks.find { it.name == 'default-provider' }.data.lastCall", equalTo("ok"));
    }

    private static double gauge(String metrics, String name) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst()
                .orElse(-1);
    }
}
