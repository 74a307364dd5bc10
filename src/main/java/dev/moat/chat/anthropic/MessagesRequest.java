package dev.moat.chat.anthropic;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Anthropic's Messages API request, the fields Moat uses; others (tools, stop sequences, top_p, thinking) are
 * accepted and ignored. {@code system} and each message's {@code content} are a string or an array of content
 * blocks, of which the text blocks are read.
 */
public record MessagesRequest(
        @NotBlank @Size(max = 200) String model,
        @NotNull @Min(1) @JsonProperty("max_tokens") Integer maxTokens,
        @NotEmpty @Size(max = 500) List<@NotNull @Valid Message> messages,
        JsonNode system,
        Boolean stream,
        @DecimalMin("0") @DecimalMax("1") Double temperature,
        @Valid Metadata metadata) {

    /** A turn: role user or assistant. */
    public record Message(@NotBlank String role, @NotNull JsonNode content) {

        public String text() {
            return MessagesRequest.text(content);
        }
    }

    /** {@code user_id} names the user whose memory the call uses. */
    public record Metadata(@Size(max = 128) @JsonProperty("user_id") String userId) {}

    /** The system text; empty when there is none. */
    public String systemText() {
        return system == null || system.isNull() ? "" : text(system);
    }

    /** A string, or the text blocks of an array joined by line breaks. */
    static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                text.append(text.isEmpty() ? "" : "\n").append(block.get("text").asText());
            }
        }
        return text.toString();
    }
}
