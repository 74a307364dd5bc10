package dev.moat.embed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which texts the embedding model sees nothing in (FuzzIT found a query of control characters answered 500). */
class EmbeddableTextTest {

    @Test
    void textsOfOnlyInvisibleCharactersHaveNoContent() {
        assertThat(EmbeddingService.hasContent("\u0000\t\t\u0001\t\u0000\u001b\u202e\u001b\u0001"))
                .isFalse();
        assertThat(EmbeddingService.hasContent(" \u00a0\u2028\u200b\ufeff")).isFalse();
        assertThat(EmbeddingService.hasContent("\u0301\u0301")).isFalse(); // combining marks alone
        assertThat(EmbeddingService.hasContent("\ue000\ufffd")).isFalse(); // private use, replacement character
        assertThat(EmbeddingService.hasContent("")).isFalse();
    }

    @Test
    void anyLetterDigitSymbolOrEmojiIsContent() {
        assertThat(EmbeddingService.hasContent("\u0000a")).isTrue();
        assertThat(EmbeddingService.hasContent("7")).isTrue();
        assertThat(EmbeddingService.hasContent("😀")).isTrue();
        assertThat(EmbeddingService.hasContent("e\u0301")).isTrue();
        assertThat(EmbeddingService.hasContent("?")).isTrue();
    }
}
