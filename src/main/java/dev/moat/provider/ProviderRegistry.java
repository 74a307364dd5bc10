package dev.moat.provider;

import dev.langchain4j.model.chat.ChatModel;
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
    public record Provider(String name, ProviderType type, String model, ChatModel chat, ProvidersConfig.Price price) {}

    /** How the last call to a provider went. */
    public record LastCall(Instant at, String outcome, String detail) {}

    private final Map<String, Provider> providers;
    private final String defaultProvider;
    private final List<String> fallbacks;
    private final Map<String, LastCall> lastCalls = new ConcurrentHashMap<>();

    public ProviderRegistry(ProvidersConfig config, RoutingConfig routing) {
        Map<String, Provider> built = new LinkedHashMap<>();
        new TreeMap<>(config.all())
                .forEach((name, p) -> built.put(
                        name,
                        new Provider(
                                name,
                                p.type(),
                                ProviderFactory.modelName(p),
                                ProviderFactory.chatModel(name, p),
                                p.price())));
        this.providers = built;
        this.defaultProvider = routing.defaultProvider();
        this.fallbacks = routing.fallbacks().orElse(List.of());
        requireKnown("moat.routing.default", defaultProvider);
        fallbacks.forEach(f -> requireKnown("moat.routing.fallbacks", f));
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
