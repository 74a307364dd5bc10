package dev.moat.provider;

/** The protocol a provider speaks; each maps to a LangChain4j chat model. */
public enum ProviderType {
    /** OpenAI's API (OpenAiChatModel). */
    OPENAI,
    /** Anthropic's Messages API (AnthropicChatModel). */
    ANTHROPIC,
    /** An Ollama server (OllamaChatModel). */
    OLLAMA,
    /** Google's Gemini API (GoogleAiGeminiChatModel). */
    GEMINI,
    /** Any server speaking OpenAI's chat completions: vLLM, llama.cpp, LM Studio (OpenAiChatModel). */
    OPENAI_COMPATIBLE,
    /** Moat's built-in extractive responder: no model, no network. */
    OFFLINE
}
