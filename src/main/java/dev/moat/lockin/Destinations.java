package dev.moat.lockin;

import dev.moat.embed.EmbeddingModels;
import dev.moat.embed.EmbeddingService;
import dev.moat.portability.Digest;
import dev.moat.problem.ProblemException;
import dev.moat.provider.ProviderRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The destinations a switching-cost target may name: the configured ones ({@code moat.destinations.<name>}), and
 * every configured provider, which is a destination like Moat behind that provider (every carry mode but mem0, Moat's
 * own retriever). A destination and a provider of one name: the destination. Checked at start-up, so a typo in a
 * profile stops the service instead of the first meter call.
 */
@ApplicationScoped
@Startup
public class Destinations {

    /** What a provider as a target accepts: the ways out of Moat into Moat elsewhere. */
    static final List<CarryMode> PROVIDER_CARRY =
            List.of(CarryMode.NONE, CarryMode.TRANSCRIPT, CarryMode.DIGEST, CarryMode.PASSPORT);

    private final Map<String, Destination> configured = new TreeMap<>();
    private final ProviderRegistry providers;
    private final String ownModel;

    public Destinations(DestinationsConfig config, ProviderRegistry providers, EmbeddingService embeddings) {
        this.providers = providers;
        this.ownModel = embeddings.modelName();
        config.all().forEach((name, p) -> configured.put(name, destination(name, p)));
    }

    private Destination destination(String name, DestinationsConfig.Profile p) {
        String key = "moat.destinations." + name;
        String providerName = p.provider().orElse(providers.defaultProvider());
        ProviderRegistry.Provider provider = providers
                .find(providerName)
                .orElseThrow(() -> new IllegalStateException(
                        key + ".provider names provider '" + providerName + "', which is not configured"));
        if (p.carry().isEmpty()) {
            throw new IllegalStateException(key + ".carry names no carry mode");
        }
        List<CarryMode> carry = new ArrayList<>();
        for (String mode : p.carry()) {
            try {
                carry.add(CarryMode.of(mode));
            } catch (ProblemException e) {
                throw new IllegalStateException(key + ".carry: " + e.getMessage());
            }
        }
        if (p.digestTokens() < Digest.MIN_TOKENS || p.digestTokens() > Digest.MAX_TOKENS) {
            throw new IllegalStateException(key + ".digest-tokens must lie in " + Digest.MIN_TOKENS + ".."
                    + Digest.MAX_TOKENS + ", got " + p.digestTokens());
        }
        String model = p.embeddingModel().orElse(ownModel);
        if (!EmbeddingModels.known(model)) {
            throw new IllegalStateException(
                    key + ".embedding-model: unknown model '" + model + "'; expected one of " + EmbeddingModels.ids());
        }
        return new Destination(name, provider, carry, p.digestTokens(), model);
    }

    /** The destination of this name, or the provider of it as one. */
    public Optional<Destination> find(String name) {
        Destination d = configured.get(name);
        if (d != null) {
            return Optional.of(d);
        }
        return providers.find(name).map(p -> new Destination(name, p, PROVIDER_CARRY, Digest.DEFAULT_TOKENS, ownModel));
    }

    /** The destination of this name; 400 naming the destinations and providers there are otherwise. */
    public Destination get(String name) {
        return find(name)
                .orElseThrow(() -> ProblemException.badRequest("unknown target '" + name
                        + "'; destinations: " + String.join(", ", configured.keySet()) + "; providers: "
                        + String.join(
                                ", ",
                                providers.all().stream()
                                        .map(ProviderRegistry.Provider::name)
                                        .toList())));
    }

    /** The configured destinations, by name. */
    public List<Destination> configured() {
        return List.copyOf(configured.values());
    }
}
