package dev.moat.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;

/** Memories written through the HTTP API, as a user's client would. */
public final class MemoriesApi {

    private MemoriesApi() {}

    /** Adds a memory (201 expected) and returns its id. */
    public static String add(String user, Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/users/{u}/memories", user)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
