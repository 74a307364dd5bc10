package dev.moat.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Memories written through the HTTP API, as a user's client would. */
public final class MemoriesApi {

    private MemoriesApi() {}

    /** The user's memory with exactly this text, among their newest 200. */
    public static Optional<Map<String, Object>> withText(String user, String text) {
        List<Map<String, Object>> items = JsonPath.from(given().queryParam("limit", 200)
                        .get("/v1/users/{u}/memories", user)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .getList("items");
        return items.stream().filter(m -> text.equals(m.get("text"))).findFirst();
    }

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

    /** Searches the user's memories for the query (200 expected): the texts of the best k, best first. */
    public static List<String> searchTexts(String user, String query, int k) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "k", k))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                .extract()
                .path("hits.memory.text");
    }
}
