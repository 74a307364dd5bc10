package dev.moat.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.support.MemoriesApi;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Search asOf an instant (what held then) and latestOnly (superseded facts left out). */
@QuarkusTest
class SearchInTimeTest {

    private static List<String> texts(String user, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("query", "where does the user live", "k", 10));
        body.putAll(extra);
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/users/{u}/memories/search", user)
                .then()
                .statusCode(200)
                .extract()
                .path("hits.memory.text");
    }

    @Test
    void asOfShowsWhatHeldThenAndLatestOnlyWhatHoldsNow() {
        String user = Users.fresh("asof");
        MemoriesApi.add(user, Map.of("text", "I live in Boston these days", "occurredAt", "2023-01-10T09:00:00Z"));
        MemoriesApi.add(user, Map.of("text", "Big news: I moved to Denver!", "occurredAt", "2023-06-01T09:00:00Z"));

        assertThat(texts(user, Map.of()))
                .contains("The user lives in Boston", "The user lives in Denver", "Big news: I moved to Denver!");

        // in March 2023 Boston held (superseded only later) and Denver had not been said
        assertThat(texts(user, Map.of("asOf", "2023-03-01T00:00:00Z")))
                .contains("The user lives in Boston", "I live in Boston these days")
                .doesNotContain("The user lives in Denver", "Big news: I moved to Denver!");
        // in July Boston no longer held
        assertThat(texts(user, Map.of("asOf", "2023-07-01T00:00:00Z")))
                .contains("The user lives in Denver")
                .doesNotContain("The user lives in Boston");
        assertThat(texts(user, Map.of("latestOnly", true)))
                .contains("The user lives in Denver", "I live in Boston these days")
                .doesNotContain("The user lives in Boston");
    }
}
