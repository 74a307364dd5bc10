package dev.moat.chat.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's chat completion response and its streaming chunk, as Moat writes them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompletionResponse(
        String id, String object, long created, String model, List<Choice> choices, Usage usage) {

    /** A choice: message in a response, delta in a chunk. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Choice(
            int index, Message message, Message delta, @JsonProperty("finish_reason") String finishReason) {}

    /** A message or a delta. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String role, String content) {}

    /** Token counts of the call. */
    public record Usage(
            @JsonProperty("prompt_tokens") long promptTokens,
            @JsonProperty("completion_tokens") long completionTokens,
            @JsonProperty("total_tokens") long totalTokens) {}

    /** The list {@code GET /v1/models} returns. */
    public record ModelList(String object, List<Model> data) {}

    /** A provider, listed as a model. */
    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {}
}
