package dev.moat.chat;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Two configurations that differ only in the default provider; Quarkus restarts between them. */
public final class ProviderSwapProfiles {

    private ProviderSwapProfiles() {}

    static final String USER_PROPERTY = "tests.swap.user";

    public static final class OpenAiDefault implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("moat.routing.default", "openai-stub", "quarkus.flyway.clean-at-start", "false");
        }
    }

    public static final class AnthropicDefault implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("moat.routing.default", "anthropic-stub", "quarkus.flyway.clean-at-start", "false");
        }
    }
}
