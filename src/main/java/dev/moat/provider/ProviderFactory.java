package dev.moat.provider;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.Optional;

/** Builds the real LangChain4j client of a configured provider, refusing a configuration that lacks a setting. */
final class ProviderFactory {

    private ProviderFactory() {}

    static ChatModel chatModel(String name, ProvidersConfig.Provider p) {
        return switch (p.type()) {
            case OFFLINE -> new OfflineChatModel();
            case OPENAI, OPENAI_COMPATIBLE -> OpenAiChatModel.builder()
                    .baseUrl(
                            p.type() == ProviderType.OPENAI
                                    ? p.baseUrl().orElse("https://api.openai.com/v1")
                                    : required(name, "base-url", p.baseUrl()))
                    .apiKey(
                            p.type() == ProviderType.OPENAI
                                    ? required(name, "api-key", p.apiKey())
                                    : p.apiKey().filter(k -> !k.isBlank()).orElse("none"))
                    .modelName(required(name, "model", p.model()))
                    .timeout(p.timeout())
                    .maxRetries(p.maxRetries())
                    .temperature(p.temperature().orElse(null))
                    .build();
            case ANTHROPIC -> AnthropicChatModel.builder()
                    .baseUrl(p.baseUrl().orElse("https://api.anthropic.com/v1/"))
                    .apiKey(required(name, "api-key", p.apiKey()))
                    .modelName(required(name, "model", p.model()))
                    .timeout(p.timeout())
                    .maxRetries(p.maxRetries())
                    .temperature(p.temperature().orElse(null))
                    .build();
            case OLLAMA -> OllamaChatModel.builder()
                    .baseUrl(p.baseUrl().orElse("http://localhost:11434"))
                    .modelName(required(name, "model", p.model()))
                    .timeout(p.timeout())
                    .maxRetries(p.maxRetries())
                    .temperature(p.temperature().orElse(null))
                    .build();
            case GEMINI -> {
                var gemini = GoogleAiGeminiChatModel.builder()
                        .apiKey(required(name, "api-key", p.apiKey()))
                        .modelName(required(name, "model", p.model()))
                        .timeout(p.timeout())
                        .maxRetries(p.maxRetries())
                        .temperature(p.temperature().orElse(null));
                p.baseUrl().ifPresent(gemini::baseUrl);
                yield gemini.build();
            }
        };
    }

    static StreamingChatModel streamingModel(String name, ProvidersConfig.Provider p) {
        return switch (p.type()) {
            case OFFLINE -> new OfflineStreamingChatModel();
            case OPENAI, OPENAI_COMPATIBLE -> OpenAiStreamingChatModel.builder()
                    .baseUrl(
                            p.type() == ProviderType.OPENAI
                                    ? p.baseUrl().orElse("https://api.openai.com/v1")
                                    : required(name, "base-url", p.baseUrl()))
                    .apiKey(
                            p.type() == ProviderType.OPENAI
                                    ? required(name, "api-key", p.apiKey())
                                    : p.apiKey().filter(k -> !k.isBlank()).orElse("none"))
                    .modelName(required(name, "model", p.model()))
                    .timeout(p.timeout())
                    .temperature(p.temperature().orElse(null))
                    .build();
            case ANTHROPIC -> AnthropicStreamingChatModel.builder()
                    .baseUrl(p.baseUrl().orElse("https://api.anthropic.com/v1/"))
                    .apiKey(required(name, "api-key", p.apiKey()))
                    .modelName(required(name, "model", p.model()))
                    .timeout(p.timeout())
                    .temperature(p.temperature().orElse(null))
                    .build();
            case OLLAMA -> OllamaStreamingChatModel.builder()
                    .baseUrl(p.baseUrl().orElse("http://localhost:11434"))
                    .modelName(required(name, "model", p.model()))
                    .timeout(p.timeout())
                    .temperature(p.temperature().orElse(null))
                    .build();
            case GEMINI -> {
                var gemini = GoogleAiGeminiStreamingChatModel.builder()
                        .apiKey(required(name, "api-key", p.apiKey()))
                        .modelName(required(name, "model", p.model()))
                        .timeout(p.timeout())
                        .temperature(p.temperature().orElse(null));
                p.baseUrl().ifPresent(gemini::baseUrl);
                yield gemini.build();
            }
        };
    }

    /** The model name reported for a provider before any call. */
    static String modelName(ProvidersConfig.Provider p) {
        return p.type() == ProviderType.OFFLINE
                ? OfflineChatModel.MODEL_NAME
                : p.model().orElse("");
    }

    private static String required(String name, String key, Optional<String> value) {
        return value.filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException(
                        "moat.providers." + name + "." + key + " is required for a provider of this type"));
    }
}
