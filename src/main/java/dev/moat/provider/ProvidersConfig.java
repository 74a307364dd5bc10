package dev.moat.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Named model providers: {@code moat.providers.<name>.type} and the settings of that type. */
@ConfigMapping(prefix = "moat.providers")
public interface ProvidersConfig {

    /** Every configured provider by name. */
    @WithParentName
    Map<String, Provider> all();

    /** One provider. */
    interface Provider {

        /** openai, anthropic, ollama, gemini, openai-compatible or offline. */
        ProviderType type();

        /** Model name at the provider (required except for offline). */
        Optional<String> model();

        /** Base URL of the API; each type has the public one as default, openai-compatible has none. */
        Optional<String> baseUrl();

        /** API key; give it as an environment variable reference, e.g. ${OPENAI_API_KEY:}. Never logged. */
        Optional<String> apiKey();

        /** How long one call may take. */
        @WithDefault("60s")
        Duration timeout();

        /** Retries of a failed call by the client itself, before Moat fails over. */
        @WithDefault("1")
        int maxRetries();

        /** Sampling temperature, when the provider's default does not suit. */
        Optional<Double> temperature();

        /** Prices for cost accounting. */
        Price price();
    }

    /** USD per million tokens. */
    interface Price {

        /** Price of a million input (prompt) tokens. */
        @WithDefault("0")
        double inputPerMtok();

        /** Price of a million output (completion) tokens. */
        @WithDefault("0")
        double outputPerMtok();
    }
}
