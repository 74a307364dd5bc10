package dev.moat.lockin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.problem.ProblemException;
import dev.moat.support.MeterHistories;
import dev.moat.support.ProviderStubServer;
import dev.moat.support.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The meter moving a user to destinations: what each accepts, a digest under its budget, a retriever with another
 * embedding model, and mem0's format.
 */
@QuarkusTest
@QuarkusTestResource(ProviderStubServer.class)
class DestinationsTest {

    @Inject
    ExperimentRunner runner;

    private static JsonNode meter(String user, String target, int k) {
        return SwitchingCostTest.meter(user, target, k);
    }

    private static List<String> modes(JsonNode m) {
        List<String> modes = new ArrayList<>();
        m.get("carry").fieldNames().forEachRemaining(modes::add);
        return modes;
    }

    @Test
    void eachDestinationOutOfTheBoxReportsTheModesItAccepts() {
        String user = Users.fresh("dest");
        MeterHistories.add(user, 6);
        assertThat(modes(meter(user, "moat", 10))).containsExactly("passport");
        assertThat(modes(meter(user, "chat-assistant", 10))).containsExactly("digest");
        assertThat(modes(meter(user, "cold", 10))).containsExactly("none");
        assertThat(modes(meter(user, "memory-service", 10))).containsExactly("none", "mem0");
        // a provider is a destination too: Moat behind it, every way out but another service's format
        JsonNode provider = meter(user, "openai-stub", 10);
        assertThat(modes(provider)).containsExactly("none", "transcript", "digest", "passport");
        assertThat(provider.at("/destination/provider").asText()).isEqualTo("openai-stub");
        assertThat(provider.at("/destination/embeddingModel").asText()).isEqualTo("e5-small-v2-q");
        // the provider is named, never written out with its settings (its key among them)
        assertThat(provider.get("destination").has("priced")).isFalse();
        assertThat(provider.toString()).doesNotContain("apiKey", "api-key");
        JsonNode paste = meter(user, "chat-assistant", 10);
        assertThat(paste.at("/destination/digestTokens").asInt()).isEqualTo(2000);
        // the score reads the two ways out without Moat's help, whatever the destination shows
        assertThat(paste.get("lockInScore").asInt())
                .isEqualTo(provider.get("lockInScore").asInt());
        assertThat(meter(user, "cold", 10).get("lockInScore").asInt())
                .isEqualTo(provider.get("lockInScore").asInt());
    }

    @Test
    void aDigestCarriesWhatFitsItsBudgetAndNothingElse() {
        String user = Users.fresh("digest");
        MeterHistories.add(user, 12);
        // k above the history: every chunk of the digest is found, so recall counts what the digest holds
        JsonNode roomy = meter(user, "chat-assistant", 30);
        assertThat(roomy.at("/carry/digest/recallAfter").asDouble()).isEqualTo(1.0);
        assertThat(roomy.at("/carry/digest/rebuild/userTokens").asLong()).isZero();

        JsonNode tiny = meter(user, "tiny-paste", 30);
        double kept = tiny.at("/carry/digest/recallAfter").asDouble();
        assertThat(kept).isGreaterThan(0).isLessThan(1.0);
        assertThat(tiny.at("/carry/digest/rebuild/userTokens").asLong()).isPositive();
        assertThat(tiny.at("/destination/digestTokens").asInt()).isEqualTo(100);
    }

    @Test
    void aDestinationWithAnotherEmbeddingModelSearchesWithIt() {
        String user = Users.fresh("minilm");
        MeterHistories.add(user, 12);
        JsonNode all = meter(user, "minilm-moat", 30);
        assertThat(all.at("/destination/embeddingModel").asText()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(all.at("/carry/passport/recallAfter").asDouble()).isEqualTo(1.0);
        assertThat(all.at("/carry/mem0/recallAfter").asDouble()).isEqualTo(1.0);
        assertThat(all.at("/carry/mem0/rebuild/userTokens").asLong()).isZero();

        // with a small k the two retrievers rank differently: Moat's own finds what it finds, MiniLM its own share
        JsonNode own = meter(user, "openai-stub", 2);
        JsonNode other = meter(user, "minilm-moat", 2);
        assertThat(own.at("/carry/passport/recallLoss").asDouble()).isZero();
        assertThat(other.at("/probes/recallNow").asDouble())
                .isEqualTo(own.at("/probes/recallNow").asDouble());
        assertThat(other.at("/carry/passport/recallAfter").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void anExperimentRefusesACarryModeItsTargetDoesNotAccept() {
        assertThatThrownBy(() -> runner.check(
                        new ExperimentOptions(10, List.of(CarryMode.PASSPORT), "chat-assistant", null, null, 42)))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("target 'chat-assistant' accepts the carry modes [digest], not [passport]");
        assertThatThrownBy(() ->
                        runner.check(new ExperimentOptions(10, List.of(CarryMode.NONE), "atlantis", null, null, 42)))
                .hasMessageContaining("unknown target 'atlantis'");
        assertThat(runner.check(new ExperimentOptions(10, List.of(CarryMode.DIGEST), "chat-assistant", null, null, 42))
                        .digestTokens())
                .isEqualTo(2000);
    }
}
