package dev.moat.lockin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The switching-cost meter (docs/SWITCHING-COST.md). */
@ConfigMapping(prefix = "moat.lockin")
public interface LockinConfig {

    /** User tokens at which a history counts as 63% deep (1 - 1/e) in the lock-in score; about 20 sessions' worth. */
    @WithDefault("10000")
    int referenceTokens();

    /** Probes derived from a user's memories when the request names no number. */
    @WithDefault("100")
    int probes();
}
