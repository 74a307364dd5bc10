package dev.moat.lockin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.moat.provider.ProviderRegistry;
import java.util.List;

/**
 * A place a user may move to: the provider that prices retelling there, the carry modes it accepts, the budget of a
 * digest pasted into it, and the embedding model its retriever searches with.
 */
public record Destination(
        String name,
        @JsonIgnore ProviderRegistry.Provider priced,
        List<CarryMode> carry,
        int digestTokens,
        String embeddingModel) {

    public Destination {
        carry = List.copyOf(carry.stream().distinct().sorted().toList());
    }

    /** The provider's name, as reports show it. */
    @JsonProperty
    public String provider() {
        return priced.name();
    }

    /** The same destination with a digest of another budget. */
    public Destination withDigestTokens(int tokens) {
        return new Destination(name, priced, carry, tokens, embeddingModel);
    }
}
