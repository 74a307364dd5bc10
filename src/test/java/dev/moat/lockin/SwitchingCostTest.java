package dev.moat.lockin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.provider.Tokens;
import dev.moat.support.MeterHistories;
import dev.moat.support.ProviderStubServer;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The meter's validity: what each carry mode keeps, what it costs to tell again, and growth with usage. */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
class SwitchingCostTest {

    private static JsonNode meter(String user, int k) {
        return meter(user, "openai-stub", k);
    }

    /** The user's meter for a move to the target (200 expected). */
    static JsonNode meter(String user, String target, int k) {
        return given().queryParam("target", target)
                .queryParam("k", k)
                .get("/v1/users/{u}/switching-cost", user)
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class);
    }

    private static double recallLoss(JsonNode m, String mode) {
        return m.at("/carry/" + mode + "/recallLoss").asDouble();
    }

    @Test
    void noneLosesEverythingPassportNothingAndTranscriptExactlyTheDerivedOnlyEvidence() {
        String user = Users.fresh("meter");
        // 12 messages, 4 facts drawn from messages, 4 notes told directly, and the fact Moat's own extraction draws
        // from the first message ("The user adopted a grey cat named Pixel")
        MeterHistories.add(user, 12);
        // k larger than the history: every memory a mode keeps is retrieved, so recall counts exactly what it keeps.
        JsonNode m = meter(user, 30);

        assertThat(m.at("/probes/count").asInt()).isEqualTo(21);
        assertThat(m.at("/probes/source").asText()).isEqualTo("derived");
        assertThat(m.at("/probes/recallNow").asDouble()).isEqualTo(1.0);
        assertThat(m.at("/carry/none/recallAfter").asDouble()).isZero();
        assertThat(recallLoss(m, "none")).isEqualTo(1.0);
        assertThat(recallLoss(m, "passport")).isZero();
        // Only the 4 notes live in no message: their 4 of 21 probes are what a transcript loses.
        assertThat(recallLoss(m, "transcript")).isCloseTo(4.0 / 21, within(1e-9));
        assertThat(m.at("/history/userMessages").asInt()).isEqualTo(12);
        assertThat(m.at("/history/sessions").asInt()).isEqualTo(4);
        assertThat(m.at("/history/memoriesByKind/note").asInt()).isEqualTo(4);
        assertThat(m.at("/history/spanDays").asInt()).isEqualTo(11);
    }

    @Test
    void aSmallKStillOrdersTheModes() {
        String user = Users.fresh("meter-k3");
        MeterHistories.add(user, 12);
        JsonNode m = meter(user, 3);
        assertThat(recallLoss(m, "passport")).isZero();
        assertThat(recallLoss(m, "none")).isGreaterThanOrEqualTo(recallLoss(m, "transcript"));
        assertThat(recallLoss(m, "none")).isEqualTo(m.at("/probes/recallNow").asDouble());
        assertThat(m.at("/lockInScore").asInt()).isBetween(0, 100);
        assertThat(m.get("formula").asText()).contains("lossShare(none)");
    }

    @Test
    void rebuildCountsWhatTheUserWouldHaveToTellAgainAtTheTargetsPrice() {
        String user = Users.fresh("meter-rebuild");
        MeterHistories.add(user, 12);
        JsonNode m = meter(user, 10);
        long messages =
                MeterHistories.MESSAGES.stream().mapToLong(Tokens::count).sum();
        long notes = MeterHistories.NOTES.stream().mapToLong(Tokens::count).sum();
        assertThat(m.at("/history/userTokens").asLong()).isEqualTo(messages);
        // Facts come back with the messages they were drawn from; notes must be told again unless carried.
        assertThat(m.at("/carry/none/rebuild/userTokens").asLong()).isEqualTo(messages + notes);
        assertThat(m.at("/carry/transcript/rebuild/userTokens").asLong()).isEqualTo(notes);
        assertThat(m.at("/carry/passport/rebuild/userTokens").asLong()).isZero();
        // openai-stub's input price is 2.5 USD per million tokens.
        assertThat(m.at("/carry/none/rebuild/costUsd").asDouble())
                .isCloseTo((messages + notes) * 2.5 / 1e6, within(1e-12));
        assertThat(m.at("/carry/none/rebuild/sessions").asInt()).isEqualTo(4);
        assertThat(m.at("/carry/transcript/rebuild/sessions").asInt()).isBetween(1, 4);
        assertThat(m.at("/carry/passport/rebuild/sessions").asInt()).isZero();
    }

    @Test
    void switchingCostGrowsWithUsage() {
        String prefix = Users.fresh("meter-prefix");
        String full = Users.fresh("meter-full");
        MeterHistories.add(prefix, 6);
        MeterHistories.add(full, 12);
        JsonNode a = meter(prefix, 30);
        JsonNode b = meter(full, 30);
        for (String mode : new String[] {"none", "transcript", "passport"}) {
            String rebuild = "/carry/" + mode + "/rebuild/";
            assertThat(b.at(rebuild + "userTokens").asLong())
                    .isGreaterThanOrEqualTo(a.at(rebuild + "userTokens").asLong());
            assertThat(b.at(rebuild + "costUsd").asDouble())
                    .isGreaterThanOrEqualTo(a.at(rebuild + "costUsd").asDouble());
            assertThat(b.at(rebuild + "sessions").asInt())
                    .isGreaterThanOrEqualTo(a.at(rebuild + "sessions").asInt());
        }
        assertThat(b.at("/lockInScore").asInt())
                .isGreaterThan(a.at("/lockInScore").asInt());
    }

    @Test
    void refusesAnUnknownTargetAndAnUnknownUser() {
        String user = Users.fresh("meter-bad");
        MeterHistories.add(user, 3);
        given().queryParam("target", "nowhere")
                .get("/v1/users/{u}/switching-cost", user)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("unknown target 'nowhere'; destinations: chat-assistant, cold,"))
                .body("detail", containsString("providers: anthropic-stub"));
        given().get("/v1/users/{u}/switching-cost", user).then().statusCode(400);
        given().queryParam("target", "openai-stub")
                .get("/v1/users/{u}/switching-cost", Users.fresh("nobody"))
                .then()
                .statusCode(404);
    }
}
