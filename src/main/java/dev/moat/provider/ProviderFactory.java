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
import java.time.Duration;
import java.util.Optional;

/** Builds the real LangChain4j clients of a configured provider, refusing a configuration that lacks a setting. */
final class ProviderFactory {

    private ProviderFactory() {}

    /** A provider's settings with each type's defaults applied and its required ones checked. */
    private record Settings(
            String baseUrl, String apiKey, String model, Duration timeout, int maxRetries, Double temperature) {}

    private static Settings resolve(String name, ProvidersConfig.Provider p) {
        String baseUrl =
                switch (p.type()) {
                    case OPENAI -> p.baseUrl().orElse("https://api.openai.com/v1");
                    case OPENAI_COMPATIBLE -> required(name, "base-url", p.baseUrl());
                    case ANTHROPIC -> p.baseUrl().orElse("https://api.anthropic.com/v1/");
                    case OLLAMA -> p.baseUrl().orElse("http://localhost:11434");
                    case GEMINI, OFFLINE -> p.baseUrl().orElse(null);
                };
        String apiKey =
                switch (p.type()) {
                    case OPENAI, ANTHROPIC, GEMINI -> required(name, "api-key", p.apiKey());
                        // Local servers often take no key; OpenAI's client still sends one.
                    case OPENAI_COMPATIBLE -> p.apiKey()
                            .filter(k -> !k.isBlank())
                            .orElse("none");
                    case OLLAMA, OFFLINE -> null;
                };
        String model =
                p.type() == ProviderType.OFFLINE ? OfflineChatModel.MODEL_NAME : required(name, "model", p.model());
        return new Settings(
                baseUrl,
                apiKey,
                model,
                p.timeout(),
                p.maxRetries(),
                p.temperature().orElse(null));
    }

    static ChatModel chatModel(String name, ProvidersConfig.Provider p) {
        Settings s = resolve(name, p);
        return switch (p.type()) {
            case OFFLINE -> new OfflineChatModel();
            case OPENAI, OPENAI_COMPATIBLE -> OpenAiChatModel.builder()
                    .baseUrl(s.baseUrl())
                    .apiKey(s.apiKey())
                    .modelName(s.model())
                    .timeout(s.timeout())
                    .maxRetries(s.maxRetries())
                    .temperature(s.temperature())
                    .build();
            case ANTHROPIC -> AnthropicChatModel.builder()
                    .baseUrl(s.baseUrl())
                    .apiKey(s.apiKey())
                    .modelName(s.model())
                    .timeout(s.timeout())
                    .maxRetries(s.maxRetries())
                    .temperature(s.temperature())
                    .build();
            case OLLAMA -> OllamaChatModel.builder()
                    .baseUrl(s.baseUrl())
                    .modelName(s.model())
                    .timeout(s.timeout())
                    .maxRetries(s.maxRetries())
                    .temperature(s.temperature())
                    .build();
            case GEMINI -> {
                var gemini = GoogleAiGeminiChatModel.builder()
                        .apiKey(s.apiKey())
                        .modelName(s.model())
                        .timeout(s.timeout())
                        .maxRetries(s.maxRetries())
                        .temperature(s.temperature());
                if (s.baseUrl() != null) {
                    gemini.baseUrl(s.baseUrl());
                }
                yield gemini.build();
            }
        };
    }

    /** The streaming client of the same provider; streaming clients do not retry by themselves. */
    static StreamingChatModel streamingModel(String name, ProvidersConfig.Provider p) {
        Settings s = resolve(name, p);
        return switch (p.type()) {
            case OFFLINE -> new OfflineStreamingChatModel();
            case OPENAI, OPENAI_COMPATIBLE -> OpenAiStreamingChatModel.builder()
                    .baseUrl(s.baseUrl())
                    .apiKey(s.apiKey())
                    .modelName(s.model())
                    .timeout(s.timeout())
                    .temperature(s.temperature())
                    .build();
            case ANTHROPIC -> AnthropicStreamingChatModel.builder()
                    .baseUrl(s.baseUrl())
                    .apiKey(s.apiKey())
                    .modelName(s.model())
                    .timeout(s.timeout())
                    .temperature(s.temperature())
                    .build();
            case OLLAMA -> OllamaStreamingChatModel.builder()
                    .baseUrl(s.baseUrl())
                    .modelName(s.model())
                    .timeout(s.timeout())
                    .temperature(s.temperature())
                    .build();
            case GEMINI -> {
                var gemini = GoogleAiGeminiStreamingChatModel.builder()
                        .apiKey(s.apiKey())
                        .modelName(s.model())
                        .timeout(s.timeout())
                        .temperature(s.temperature());
                if (s.baseUrl() != null) {
                    gemini.baseUrl(s.baseUrl());
                }
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
