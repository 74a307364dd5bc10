package dev.moat.memory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import dev.moat.support.PersistenceTest;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@PersistenceTest
class IsolationTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "secret project codename",
                "AND (",
                "*:*",
                "text:secret",
                "owner:*",
                "secret OR owner:default",
                "\"unbalanced quote",
                "secret~2 ^3 [a TO z] {x}",
                "/regex.*/",
                "\\",
                "👀 🔑"
            })
    void neverReturnsAnotherUsersMemories(String query) {
        String alice = Users.fresh("alice");
        String bob = Users.fresh("bob");
        for (String user : List.of(alice, bob)) {
            given().contentType(ContentType.JSON)
                    .body(List.of(
                            Map.of("text", "secret project codename is Falcon for " + user),
                            Map.of("text", "owner default AND ( text secret *:* regex")))
                    .post("/v1/users/{u}/memories/batch", user)
                    .then()
                    .statusCode(201);
        }
        for (String user : List.of(alice, bob)) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("query", query, "k", 100))
                    .post("/v1/users/{u}/memories/search", user)
                    .then()
                    .statusCode(200)
                    .body("hits", hasSize(2))
                    .body("hits.memory.userId", everyItem(equalTo(user)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PATCH", "DELETE", "HISTORY"})
    void cannotReachAnotherUsersMemoryById(String operation) {
        String owner = Users.fresh("owner");
        String intruder = Users.fresh("intruder");
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("text", "my bank PIN hint"))
                .post("/v1/users/{u}/memories", owner)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        var request = given().contentType(ContentType.JSON);
        var response =
                switch (operation) {
                    case "GET" -> request.get("/v1/users/{u}/memories/{id}", intruder, id);
                    case "PATCH" -> request.body(Map.of("text", "stolen"))
                            .patch("/v1/users/{u}/memories/{id}", intruder, id);
                    case "DELETE" -> request.delete("/v1/users/{u}/memories/{id}", intruder, id);
                    default -> request.get("/v1/users/{u}/memories/{id}/history", intruder, id);
                };
        response.then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/users/{u}/memories/{id}", owner, id)
                .then()
                .statusCode(200)
                .body("text", equalTo("my bank PIN hint"));
    }
}
