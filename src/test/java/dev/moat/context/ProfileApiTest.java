package dev.moat.context;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.support.MemoriesApi;
import dev.moat.support.Users;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /v1/users/{u}/profile: the facts and preferences that still hold, with their sources and last-said times. */
@QuarkusTest
class ProfileApiTest {

    private static String say(String user, String text, String at) {
        return MemoriesApi.add(user, Map.of("text", text, "occurredAt", at));
    }

    @Test
    void theProfileHoldsWhatIsStillTrueWithItsSources() {
        String user = Users.fresh("profile");
        say(user, "I live in Boston these days", "2023-01-10T09:00:00Z");
        String denver = say(user, "Big news: I moved to Denver!", "2023-06-01T09:00:00Z");
        String tea = say(user, "I really love green tea", "2023-07-01T09:00:00Z");

        JsonPath profile = given().get("/v1/users/{u}/profile", user)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(profile.getString("userId")).isEqualTo(user);
        List<String> facts = profile.getList("facts.text");
        assertThat(facts).contains("The user lives in Denver").doesNotContain("The user lives in Boston");
        Map<String, Object> lives = profile.getMap("facts.find { it.text == 'The user lives in Denver' }");
        assertThat(lives.get("slot")).isEqualTo("the user|lives in");
        assertThat(lives.get("lastSaidAt")).isEqualTo("2023-06-01T09:00:00Z");
        assertThat(profile.getList("facts.find { it.text == 'The user lives in Denver' }.sources.id"))
                .containsExactly(denver);
        assertThat(profile.getList("preferences.sources.id").toString()).contains(tea);
        assertThat(profile.getList("facts.sources.id").toString()).doesNotContain(tea);

        JsonPath empty = given().get("/v1/users/{u}/profile", Users.fresh("profile-empty"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(empty.getList("facts")).isEmpty();
        assertThat(empty.getList("preferences")).isEmpty();
        given().get("/v1/users/{u}/profile", "not a user id!").then().statusCode(400);
    }
}
