package dev.moat.chat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a chat turn is assembled. */
@ConfigMapping(prefix = "moat.chat")
public interface ChatConfig {

    /** Memories put in the prompt when a request does not say. */
    @WithDefault("8")
    int memories();

    /**
     * The most cl100k tokens the prompt's memory block may take, its frame included: the best memories that fit, as
     * POST /v1/users/{u}/context cuts them.
     */
    @WithDefault("2000")
    int memoryTokens();

    /** Earlier turns of the session put in the prompt. */
    @WithDefault("10")
    int recentTurns();
}
