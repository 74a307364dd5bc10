package dev.moat.chat.anthropic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Anthropic's message and the events of its stream, as Moat writes them. */
public final class MessagesResponse {

    private MessagesResponse() {}

    /** A reply: one text block. */
    public record Message(
            String id,
            String type,
            String role,
            String model,
            List<TextBlock> content,
            @JsonProperty("stop_reason") @JsonInclude(JsonInclude.Include.ALWAYS) String stopReason,
            @JsonProperty("stop_sequence") @JsonInclude(JsonInclude.Include.ALWAYS) String stopSequence,
            Usage usage) {}

    public record TextBlock(String type, String text) {

        static TextBlock of(String text) {
            return new TextBlock("text", text);
        }
    }

    /** Tokens of the call; in a stream's message_delta, the final counts. */
    public record Usage(
            @JsonProperty("input_tokens") long inputTokens, @JsonProperty("output_tokens") long outputTokens) {}

    /** message_start. */
    public record MessageStart(String type, Message message) {}

    /** content_block_start. */
    public record BlockStart(String type, int index, @JsonProperty("content_block") TextBlock contentBlock) {}

    /** content_block_delta with a text_delta. */
    public record BlockDelta(String type, int index, TextDelta delta) {}

    public record TextDelta(String type, String text) {}

    /** content_block_stop, message_stop and ping: a type, and an index for the first. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Marker(String type, Integer index) {}

    /** message_delta: why the reply ended, and its usage. */
    public record MessageDelta(String type, StopDelta delta, Usage usage) {}

    public record StopDelta(
            @JsonProperty("stop_reason") String stopReason,
            @JsonProperty("stop_sequence") @JsonInclude(JsonInclude.Include.ALWAYS) String stopSequence) {}

    /** The error event a failing stream ends with. */
    public record Error(String type, ErrorBody error) {}

    public record ErrorBody(String type, String message) {}
}
