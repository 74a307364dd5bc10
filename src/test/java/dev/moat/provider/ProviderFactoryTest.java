package dev.moat.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderFactoryTest {

    private record Settings(ProviderType type, String modelName, String url, String key)
            implements ProvidersConfig.Provider {
        @Override
        public Optional<String> model() {
            return Optional.ofNullable(modelName);
        }

        @Override
        public Optional<String> baseUrl() {
            return Optional.ofNullable(url);
        }

        @Override
        public Optional<String> apiKey() {
            return Optional.ofNullable(key);
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public int maxRetries() {
            return 0;
        }

        @Override
        public Optional<Double> temperature() {
            return Optional.empty();
        }

        @Override
        public ProvidersConfig.Price price() {
            return new ProvidersConfig.Price() {
                @Override
                public double inputPerMtok() {
                    return 0;
                }

                @Override
                public double outputPerMtok() {
                    return 0;
                }
            };
        }
    }

    @Test
    void buildsTheRealLangChain4jClientOfEachType() {
        assertThat(ProviderFactory.chatModel("a", new Settings(ProviderType.OPENAI, "gpt", null, "k")))
                .isInstanceOf(OpenAiChatModel.class);
        assertThat(ProviderFactory.chatModel("b", new Settings(ProviderType.ANTHROPIC, "claude", null, "k")))
                .isInstanceOf(AnthropicChatModel.class);
        assertThat(ProviderFactory.chatModel("c", new Settings(ProviderType.OFFLINE, null, null, null)))
                .isInstanceOf(OfflineChatModel.class);
    }

    @Test
    void aMissingSettingNamesItsKey() {
        assertThatThrownBy(() -> ProviderFactory.chatModel("gpt", new Settings(ProviderType.OPENAI, "gpt", null, " ")))
                .hasMessage("moat.providers.gpt.api-key is required for a provider of this type");
        assertThatThrownBy(
                        () -> ProviderFactory.chatModel("local", new Settings(ProviderType.OLLAMA, null, null, null)))
                .hasMessage("moat.providers.local.model is required for a provider of this type");
        assertThatThrownBy(() -> ProviderFactory.streamingModel(
                        "vllm", new Settings(ProviderType.OPENAI_COMPATIBLE, "m", null, null)))
                .hasMessage("moat.providers.vllm.base-url is required for a provider of this type");
    }
}
