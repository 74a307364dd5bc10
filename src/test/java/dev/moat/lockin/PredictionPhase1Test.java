package dev.moat.lockin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.support.PersistenceTest;
import dev.moat.support.ProviderStubServer;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Before the move: the meter predicts what the passport keeps; the passport is written out. */
@QuarkusTest
@PersistenceTest
@QuarkusTestResource(ProviderStubServer.class)
@TestProfile(FreshInstanceProfiles.First.class)
class PredictionPhase1Test {

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
        System.setProperty(FreshInstanceProfiles.USER, user);
        System.setProperty(FreshInstanceProfiles.PASSPORT, file.toString());
        System.setProperty(FreshInstanceProfiles.PREDICTED, Double.toString(predicted));
    }
}
