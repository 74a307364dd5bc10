package dev.moat.provider.rest;

import dev.moat.provider.ProviderRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The configured providers and how their last calls went. Keys are never shown. */
@Path("/v1/providers")
@Produces(MediaType.APPLICATION_JSON)
public class ProviderResource {

    private final ProviderRegistry registry;

    public ProviderResource(ProviderRegistry registry) {
        this.registry = registry;
    }

    /** A provider as listed: never its key. */
    public record ProviderView(
            String name,
            String type,
            String model,
            boolean isDefault,
            String lastCall,
            Instant lastCallAt,
            String lastError) {}

    /** The providers, in name order. */
    public record ProviderList(List<ProviderView> providers, String defaultProvider, List<String> fallbacks) {}

    @GET
    public ProviderList list() {
        List<ProviderView> views = registry.all().stream()
                .map(p -> {
                    var last = registry.lastCall(p.name());
                    return new ProviderView(
                            p.name(),
                            p.type().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                            p.model(),
                            p.name().equals(registry.defaultProvider()),
                            last.map(ProviderRegistry.LastCall::outcome).orElse("none"),
                            last.map(ProviderRegistry.LastCall::at).orElse(null),
                            last.map(ProviderRegistry.LastCall::detail).orElse(null));
                })
                .toList();
        return new ProviderList(views, registry.defaultProvider(), registry.fallbacks());
    }
}
