package dev.moat.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;

/** Experiments over the API, as the tests follow them. */
public final class ExperimentsApi {

    private ExperimentsApi() {}

    /** Polls GET /v1/experiments/{id} until the run has ended (done, failed or interrupted); its last view. */
    public static JsonPath awaitFinished(String id) {
        return await().alias("experiment " + id + " finished")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> given().get("/v1/experiments/{id}", id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        view -> view.getString("finishedAt") != null);
    }
}
