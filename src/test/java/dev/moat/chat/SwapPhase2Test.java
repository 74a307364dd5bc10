package dev.moat.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.moat.support.Phases;
import dev.moat.support.ProviderStubServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** After the swap: only the configuration changed, and the same memories reach the new default provider. */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
@TestProfile(Phases.Second.class)
@Order(2)
class SwapPhase2Test {

    @Test
    void theNewDefaultProviderGetsTheSameMemories() {
        String user = System.getProperty(SwapPhase1Test.USER_PROPERTY);
        assertThat(user).as("SwapPhase1Test must run first in the same JVM").isNotNull();
        given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "message", "What is my cat called?", "k", 3))
                .post("/v1/chat")
                .then()
                .statusCode(200)
                .body("provider", equalTo("anthropic-stub"))
                .body("memories.text", hasItem("I adopted a grey cat named Pixel"));
        assertThat(ProviderStubServer.lastRequest("anthropic"))
                .contains("[2024-05-08] I adopted a grey cat named Pixel");
    }
}
