package dev.moat.lockin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a user may go, as the meter models it: {@code moat.destinations.<name>} (docs/SWITCHING-COST.md,
 * "Destinations"). Out of the box: moat, chat-assistant and cold.
 */
@ConfigMapping(prefix = "moat.destinations")
public interface DestinationsConfig {

    @WithParentName
    Map<String, Profile> all();

    /** One destination. */
    interface Profile {

        /** The provider whose input price tells what retelling costs there; default: Moat's default provider. */
        Optional<String> provider();

        /** The carry modes the destination accepts (none, transcript, digest, mem0, passport). */
        List<String> carry();

        /** The most a digest may hold there, in cl100k tokens. */
        @WithDefault("2000")
        int digestTokens();

        /** The in-process embedding model its retriever uses; default: Moat's own. */
        Optional<String> embeddingModel();
    }
}
