package dev.moat.extraction;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Facts and preferences drawn from what users say (extraction/RuleExtractor, extraction/Consolidation). */
@ConfigMapping(prefix = "moat.extraction")
public interface ExtractionConfig {

    /**
     * Whether each message memory is read for facts and preferences its speaker states ("I moved to Porto"), kept
     * as memories of their own with the message as their source, a newer one superseding an older one of the same
     * slot. Deterministic, no model call.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * A provider (moat.providers.NAME) to draw the statements instead of the fixed patterns. Its calls run on a
     * background thread, so a write never waits for them; when a call fails or answers no usable JSON, the patterns
     * take over for that message.
     */
    Optional<String> provider();
}
