package dev.moat.provider;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured providers, built once at start-up: a provider with an unknown type or a missing setting, or a
 * routing entry naming no provider, stops the start with a message naming the key.
 */
@Startup
@ApplicationScoped
public class ProviderRegistry {

    /** A provider ready to call. */
    public record Provider(
            String name,
            ProviderType type,
            String model,
            ChatModel chat,
            StreamingChatModel streaming,
            ProvidersConfig.Price price,
            java.time.Duration timeout) {}

    /** How the last call to a provider went. */
    public record LastCall(Instant at, String outcome, String detail) {}

    private final ProvidersConfig config;
    private final Map<String, Provider> providers;
    private final Map<String, Provider> variants = new ConcurrentHashMap<>();
    private final String defaultProvider;
    private final List<String> fallbacks;
    private final Map<String, LastCall> lastCalls = new ConcurrentHashMap<>();

    public ProviderRegistry(ProvidersConfig config, RoutingConfig routing) {
        this.config = config;
        Map<String, Provider> built = new LinkedHashMap<>();
        new TreeMap<>(config.all()).forEach((name, p) -> built.put(name, build(name, p)));
        this.providers = built;
        this.defaultProvider = routing.defaultProvider();
        this.fallbacks = routing.fallbacks().orElse(List.of());
        requireKnown("moat.routing.default", defaultProvider);
        fallbacks.forEach(f -> requireKnown("moat.routing.fallbacks", f));
    }

    private static Provider build(String name, ProvidersConfig.Provider p) {
        return new Provider(
                name,
                p.type(),
                ProviderFactory.modelName(p),
                ProviderFactory.chatModel(name, p),
                ProviderFactory.streamingModel(name, p),
                p.price(),
                p.timeout());
    }

    /**
     * The provider, or the same provider asked for another of its models ({@code <provider>/<model>} in the
     * OpenAI-compatible API): same URL, key and prices, clients built once per model.
     */
    public Provider withModel(String name, String model) {
        Provider base = providers.get(name);
        if (model == null || model.isBlank() || model.equals(base.model()) || base.type() == ProviderType.OFFLINE) {
            return base;
        }
        return variants.computeIfAbsent(
                name + "/" + model,
                key -> build(name, new ModelOverride(config.all().get(name), model)));
    }

    /** A provider's settings with another model. */
    private record ModelOverride(ProvidersConfig.Provider base, String modelName) implements ProvidersConfig.Provider {
        @Override
        public ProviderType type() {
            return base.type();
        }

        @Override
        public Optional<String> model() {
            return Optional.of(modelName);
        }

        @Override
        public Optional<String> baseUrl() {
            return base.baseUrl();
        }

        @Override
        public Optional<String> apiKey() {
            return base.apiKey();
        }

        @Override
        public java.time.Duration timeout() {
            return base.timeout();
        }

        @Override
        public int maxRetries() {
            return base.maxRetries();
        }

        @Override
        public Optional<Double> temperature() {
            return base.temperature();
        }

        @Override
        public ProvidersConfig.Price price() {
            return base.price();
        }
    }

    private void requireKnown(String key, String name) {
        if (!providers.containsKey(name)) {
            throw new IllegalStateException(
                    key + " names provider '" + name + "', which is not configured; configured: " + providers.keySet());
        }
    }

    public Optional<Provider> find(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    public List<Provider> all() {
        return new ArrayList<>(providers.values());
    }

    public String defaultProvider() {
        return defaultProvider;
    }

    public List<String> fallbacks() {
        return fallbacks;
    }

    public Optional<LastCall> lastCall(String name) {
        return Optional.ofNullable(lastCalls.get(name));
    }

    void recordCall(String name, String outcome, String detail) {
        lastCalls.put(name, new LastCall(Instant.now(), outcome, detail));
    }
}
