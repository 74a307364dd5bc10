package dev.moat.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.moat.support.MemoriesApi;
import dev.moat.support.PersistenceTest;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PersistenceTest
class MemoryApiTest {

    @Test
    void addsReadsUpdatesAndDeletesAMemoryWithItsHistory() {
        String user = Users.fresh("crud");
        Response created = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "text", "I am allergic to peanuts",
                        "kind", "fact",
                        "occurredAt", "2024-03-01T10:00:00Z",
                        "sessionId", "s1",
                        "metadata", Map.of("source", "test")))
                .post("/v1/users/{u}/memories", user);
        created.then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/memories/" + created.path("id")))
                .body("userId", equalTo(user))
                .body("kind", equalTo("fact"))
                .body("occurredAt", equalTo("2024-03-01T10:00:00Z"))
                .body("sessionId", equalTo("s1"))
                .body("metadata.source", equalTo("test"))
                .body("createdAt", notNullValue());
        String id = created.path("id");

        given().get("/v1/users/{u}/memories/{id}", user, id)
                .then()
                .statusCode(200)
                .body("text", equalTo("I am allergic to peanuts"));

        given().contentType(ContentType.JSON)
                .body(Map.of("text", "I am allergic to peanuts and shellfish", "kind", "preference"))
                .patch("/v1/users/{u}/memories/{id}", user, id)
                .then()
                .statusCode(200)
                .body("text", equalTo("I am allergic to peanuts and shellfish"))
                .body("kind", equalTo("preference"))
                .body("sessionId", equalTo("s1"));

        given().delete("/v1/users/{u}/memories/{id}", user, id).then().statusCode(204);
        given().get("/v1/users/{u}/memories/{id}", user, id).then().statusCode(404);
        given().delete("/v1/users/{u}/memories/{id}", user, id).then().statusCode(404);

        given().get("/v1/users/{u}/memories/{id}/history", user, id)
                .then()
                .statusCode(200)
                .body("memoryId", equalTo(id))
                .body("events.type", equalTo(List.of("ADD", "UPDATE", "DELETE")))
                .body("events[0].before", nullValue())
                .body("events[0].after.text", equalTo("I am allergic to peanuts"))
                .body("events[1].before.text", equalTo("I am allergic to peanuts"))
                .body("events[1].after.text", equalTo("I am allergic to peanuts and shellfish"))
                .body("events[2].before.kind", equalTo("preference"))
                .body("events[2].after", nullValue());
    }

    @Test
    void concurrentFirstWritesOfANewUserAllSucceed() throws Exception {
        String user = Users.fresh("race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String text = "parallel " + i;
                statuses.add(pool.submit(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("text", text))
                        .post("/v1/users/{u}/memories", user)
                        .statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        given().get("/v1/users/{u}/stats", user).then().body("total", equalTo(16));
    }

    @Test
    void kindDefaultsToMessageAndOccurredAtToNow() {
        String user = Users.fresh("defaults");
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "hello there"))
                .post("/v1/users/{u}/memories", user)
                .then()
                .statusCode(201)
                .body("kind", equalTo("message"))
                .body("occurredAt", notNullValue());
    }

    @Test
    void listsNewestFirstAcrossPages() {
        String user = Users.fresh("pages");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(Map.of("text", "entry " + i, "occurredAt", "2024-01-0" + (i + 1) + "T00:00:00Z"));
        }
        given().contentType(ContentType.JSON)
                .body(batch)
                .post("/v1/users/{u}/memories/batch", user)
                .then()
                .statusCode(201)
                .body("ids", hasSize(7));

        List<String> texts = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/users/{u}/memories", user);
            page.then().statusCode(200);
            texts.addAll(page.path("items.text"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(texts).containsExactly("entry 6", "entry 5", "entry 4", "entry 3", "entry 2", "entry 1", "entry 0");
    }

    @Test
    void aBatchWithOneBadMemoryStoresNone() {
        String user = Users.fresh("batch");
        List<Map<String, Object>> batch = List.of(Map.of("text", "fine"), Map.of("text", "also fine", "kind", "bogus"));
        given().contentType(ContentType.JSON)
                .body(batch)
                .post("/v1/users/{u}/memories/batch", user)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("kind"));
        given().get("/v1/users/{u}/stats", user).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void statsCountByKindWithTheSpanOfTime() {
        String user = Users.fresh("stats");
        MemoriesApi.add(user, Map.of("text", "a", "kind", "fact", "occurredAt", "2024-01-01T00:00:00Z"));
        MemoriesApi.add(user, Map.of("text", "b", "kind", "fact", "occurredAt", "2024-02-01T00:00:00Z"));
        MemoriesApi.add(user, Map.of("text", "c", "kind", "note", "occurredAt", "2023-12-01T00:00:00Z"));
        given().get("/v1/users/{u}/stats", user)
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("byKind.fact", equalTo(2))
                .body("byKind.note", equalTo(1))
                .body("byKind.message", equalTo(0))
                .body("firstOccurredAt", equalTo("2023-12-01T00:00:00Z"))
                .body("lastOccurredAt", equalTo("2024-02-01T00:00:00Z"));
    }

    @Test
    void forgetsEveryMemoryOfADeletedUser() {
        String user = Users.fresh("forget");
        String other = Users.fresh("keep");
        String id = MemoriesApi.add(user, Map.of("text", "my passport number is in the blue drawer"));
        MemoriesApi.add(other, Map.of("text", "my passport number is in the blue drawer"));

        given().delete("/v1/users/{u}", user).then().statusCode(204);

        given().get("/v1/users/{u}/stats", user).then().body("total", equalTo(0));
        given().get("/v1/users/{u}/memories/{id}", user, id).then().statusCode(404);
        given().get("/v1/users/{u}/memories/{id}/history", user, id).then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "passport drawer"))
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                .body("hits", hasSize(0));
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "passport drawer"))
                .post("/v1/users/{u}/memories/search", other)
                .then()
                .body("hits", hasSize(1));
    }
}
