package dev.moat.lockin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.support.Phases;
import dev.moat.support.ProviderStubServer;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Before the move: the meter predicts what the passport keeps; the passport is written out. */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
@TestProfile(Phases.First.class)
@Order(1)
class PredictionPhase1Test {

    /** What phase 1 hands to {@link PredictionPhase2Test}: the user, the passport file, the predicted recall. */
    static final String USER = "tests.prediction.user";

    static final String PASSPORT = "tests.prediction.passport";
    static final String PREDICTED = "tests.prediction.recall";

    @Test
    void predictsThePassportsRecallAndExportsIt() throws Exception {
        String user = Users.fresh("mover");
        MeterHistories.add(user, 12);
        double predicted = given().queryParam("target", "anthropic-stub")
                .queryParam("k", 3)
                .get("/v1/users/{u}/switching-cost", user)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getDouble("carry.passport.recallAfter");
        assertThat(predicted).isPositive();
        String passport = given().get("/v1/users/{u}/export", user)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Path file = Files.createTempFile("moat-prediction-", ".passport.json");
        Files.writeString(file, passport);
        System.setProperty(USER, user);
        System.setProperty(PASSPORT, file.toString());
        System.setProperty(PREDICTED, Double.toString(predicted));
    }
}
