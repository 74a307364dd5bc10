package dev.moat.memory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Facts and preferences drawn from what users say (memory/RuleExtractor, memory/Consolidation). */
@ConfigMapping(prefix = "moat.extraction")
public interface ExtractionConfig {

    /**
     * Whether each message memory is read for facts and preferences its speaker states ("I moved to Porto"), kept
     * as memories of their own with the message as their source, a newer one superseding an older one of the same
     * slot. Deterministic, no model call.
     */
    @WithDefault("true")
    boolean enabled();
}
