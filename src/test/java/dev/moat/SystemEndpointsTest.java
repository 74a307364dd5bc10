package dev.moat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
}
