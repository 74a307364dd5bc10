package dev.moat.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** API keys (docs/API.md, "Keys"). */
@ConfigMapping(prefix = "moat.auth")
public interface AuthConfig {

    /** Whether /v1 and the dashboard need a key; off, every caller is an admin of tenant default (a warning says so). */
    @WithDefault("true")
    boolean enabled();

    /** On a start with no key at all, create an admin key for tenant default and write it to data-dir/admin.key. */
    @WithDefault("true")
    boolean bootstrap();

    /**
     * Requests a key may make per second, sustained; 0 turns the limit off. High enough for an app's backend key
     * (the chat target is 200 requests/s), low enough to stop a runaway client.
     */
    @WithDefault("500")
    int ratePerSecond();

    /** Requests a key may make at once above the sustained rate before getting 429. */
    @WithDefault("1000")
    int burst();
}
