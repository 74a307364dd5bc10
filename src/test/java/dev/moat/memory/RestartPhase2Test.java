package dev.moat.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.moat.support.Phases;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Second half: after Quarkus stopped and started again, the database and the repaired index hold everything. */
@QuarkusTest
@TestProfile(Phases.Second.class)
@Order(2)
class RestartPhase2Test {

    @Test
    void keepsEveryMemoryAndIndexesTheOneThatWasMissed() {
        String user = System.getProperty(RestartPhase1Test.USER_PROPERTY);
        assertThat(user)
                .as("RestartPhase1Test must run first in the same JVM (support/Phases: @Order)")
                .isNotNull();
        given().get("/v1/users/{u}/stats", user)
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("byKind.fact", equalTo(1))
                .body("byKind.preference", equalTo(1));
        for (var probe : Map.of(
                        "bike lock code", "my bike lock code is 4711",
                        "oat milk coffee", "I prefer oat milk in coffee",
                        "where is the spare key", "the spare key is under the blue flowerpot")
                .entrySet()) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("query", probe.getKey(), "k", 1))
                    .post("/v1/users/{u}/memories/search", user)
                    .then()
                    .statusCode(200)
                    .body("hits[0].memory.text", equalTo(probe.getValue()));
        }
    }
}
