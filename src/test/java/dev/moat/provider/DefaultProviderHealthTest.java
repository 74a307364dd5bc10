package dev.moat.provider;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.moat.support.ProviderStubServer;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default-provider wellness check follows the default provider's last call: DOWN, naming the error, once a
 * call failed (while the chat itself failed over), UP again after the next good call; readiness never follows it.
 * The default provider here is the Anthropic stub, the OpenAI stub its fallback.
 */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
@TestProfile(DefaultProviderHealthTest.AnthropicByDefault.class)
class DefaultProviderHealthTest {

    /** The Anthropic stub as the default provider. */
    public static final class AnthropicByDefault implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("moat.routing.default", "anthropic-stub");
        }
    }

    private static final String CHECK = "checks.find { it.name == 'default-provider' }";

    @Test
    void isDownWithTheErrorAfterAFailedCallAndUpAfterAGoodOne() {
        String user = Users.fresh("wellness");
        ProviderStubServer.setDown("anthropic", true);
        try {
            chat(user, "Remember that I drink green tea").body("provider", equalTo("openai-stub"));
            given().get("/q/health/well")
                    .then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body(CHECK + ".status", equalTo("DOWN"))
                    .body(CHECK + ".data.provider", equalTo("anthropic-stub"))
                    .body(CHECK + ".data.lastCall", not(equalTo("ok")))
                    .body(CHECK + ".data.error", notNullValue());
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            ProviderStubServer.setDown("anthropic", false);
        }
        chat(user, "What do I drink?").body("provider", equalTo("anthropic-stub"));
        given().get("/q/health/well")
                .then()
                .statusCode(200)
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.lastCall", equalTo("ok"));
    }

    private static ValidatableResponse chat(String user, String message) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("userId", user, "message", message))
                .post("/v1/chat")
                .then()
                .statusCode(200);
    }
}
