package dev.moat.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

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

    /**
     * How long a key found live is believed without asking the database again: the longest a key revoked through
     * another instance still works here (revocations through this one apply at once); 0 asks every time.
     */
    @WithDefault("1s")
    Duration keyCacheTtl();
}
