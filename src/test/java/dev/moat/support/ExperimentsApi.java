package dev.moat.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;

/** Experiments over the API, as the tests follow them. */
public final class ExperimentsApi {

    private ExperimentsApi() {}

    /** Polls GET /v1/experiments/{id} until the run has ended (done, failed or interrupted); its last view. */
    public static JsonPath awaitFinished(String id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonPath view = given().get("/v1/experiments/{id}", id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            if (view.getString("finishedAt") != null) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("experiment " + id + " did not finish in 60 s");
    }
}
