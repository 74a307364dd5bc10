package dev.moat.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.moat.support.Phases;
import dev.moat.support.ProviderStubServer;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Before the swap: the configured default is the OpenAI provider. */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
@TestProfile(Phases.First.class)
@Order(1)
class SwapPhase1Test {

    /** The user handed to {@link SwapPhase2Test}. */
    static final String USER_PROPERTY = "tests.swap.user";

    @Test
    void theDefaultProviderGetsTheUsersMemories() {
        String user = Users.fresh("swap");
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "I adopted a grey cat named Pixel", "occurredAt", "2024-05-08T13:56:00Z"))
                .post("/v1/users/{u}/memories", user)
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "message", "What is my cat called?", "k", 3))
                .post("/v1/chat")
                .then()
                .statusCode(200)
                .body("provider", equalTo("openai-stub"))
                .body("memories.text", hasItem("I adopted a grey cat named Pixel"));
        assertThat(ProviderStubServer.lastRequest("openai")).contains("[2024-05-08] I adopted a grey cat named Pixel");
        System.setProperty(USER_PROPERTY, user);
    }
}
