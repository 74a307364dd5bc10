package dev.moat.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/** Which provider answers when a request names none and its user has none pinned, and who stands in. */
@ConfigMapping(prefix = "moat.routing")
public interface RoutingConfig {

    /** The provider used by default. */
    @WithName("default")
    @WithDefault("offline")
    String defaultProvider();

    /** Providers tried in order when the chosen one fails with a retriable error (timeout, 429, 5xx, refused). */
    Optional<List<String>> fallbacks();
}
