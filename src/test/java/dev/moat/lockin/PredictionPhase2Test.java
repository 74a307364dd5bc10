package dev.moat.lockin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moat.support.Phases;
import dev.moat.support.ProviderStubServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** After the move: a fresh instance with another provider imports the passport and finds what was predicted. */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
@TestProfile(Phases.Third.class)
@Order(3)
class PredictionPhase2Test {

    @Test
    void recallAfterARealImportEqualsThePrediction() throws Exception {
        String user = System.getProperty(PredictionPhase1Test.USER);
        assertThat(user)
                .as("PredictionPhase1Test must run first in the same JVM")
                .isNotNull();
        given().get("/v1/users/{u}/export", user).then().statusCode(404); // a fresh instance: nothing of the user
        Path passport = Path.of(System.getProperty(PredictionPhase1Test.PASSPORT));
        given().contentType(ContentType.JSON)
                .body(Files.readString(passport))
                .post("/v1/users/{u}/import", user)
                .then()
                .statusCode(200);
        // The round trip through a fresh instance: its export is the passport, apart from when it was made.
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode before = (ObjectNode) mapper.readTree(Files.readString(passport));
        ObjectNode after = (ObjectNode) mapper.readTree(given().get("/v1/users/{u}/export", user)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        before.remove("exportedAt");
        after.remove("exportedAt");
        assertThat(after).isEqualTo(before);
        Files.delete(passport);
        double measured = given().queryParam("target", "openai-stub")
                .queryParam("k", 3)
                .get("/v1/users/{u}/switching-cost", user)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getDouble("probes.recallNow");
        assertThat(measured).isEqualTo(Double.parseDouble(System.getProperty(PredictionPhase1Test.PREDICTED)));
        // The instance moved to routes to another provider by default.
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "message", "Where does my sister live?"))
                .post("/v1/chat")
                .then()
                .statusCode(200)
                .body("provider", equalTo("anthropic-stub"));
    }
}
