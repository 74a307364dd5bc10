package dev.moat.chat.openai;

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

/** OpenAI's chat completion request, the fields Moat uses; others are accepted and ignored. */
public record CompletionRequest(
        @NotBlank @Size(max = 200) String model,
        @NotEmpty @Size(max = 500) List<@NotNull @Valid Message> messages,
        Boolean stream,
        @Size(max = 128) String user,
        @DecimalMin("0") @DecimalMax("2") Double temperature,
        @JsonProperty("max_tokens") @Min(1) Integer maxTokens) {

    /** One message; content is a string or an array of parts of which the text parts are read. */
    public record Message(@NotBlank String role, @NotNull JsonNode content) {

        /** The text of the content. */
        public String text() {
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText()) && part.has("text")) {
                    text.append(text.isEmpty() ? "" : "\n")
                            .append(part.get("text").asText());
                }
            }
            return text.toString();
        }
    }
}
