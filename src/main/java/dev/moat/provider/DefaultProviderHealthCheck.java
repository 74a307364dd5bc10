package dev.moat.provider;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The default provider's state from its last chat call (no probe: a call to a paid provider costs money), under
 * /q/health/well and in /q/health: UP before any call and after a good one, DOWN after a failed one, with the error.
 * Not a readiness check: memory writes and search work while a provider is down, and chats fail over.
 */
@Wellness
@ApplicationScoped
public class DefaultProviderHealthCheck implements HealthCheck {

    private final ProviderRegistry registry;

    public DefaultProviderHealthCheck(ProviderRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        String name = registry.defaultProvider();
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("default-provider").withData("provider", name);
        return registry.lastCall(name)
                .map(last -> {
                    response.withData("lastCall", last.outcome())
                            .withData("at", last.at().toString());
                    if (last.detail() != null) {
                        response.withData("error", last.detail());
                    }
                    return "ok".equals(last.outcome()) ? response.up() : response.down();
                })
                .orElseGet(() -> response.withData("lastCall", "none").up())
                .build();
    }
}
