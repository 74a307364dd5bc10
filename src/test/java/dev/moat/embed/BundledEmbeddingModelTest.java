package dev.moat.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every model moat.embedding.model can name loads from its artifact and embeds with its own prefixes. */
class BundledEmbeddingModelTest {

    private static EmbeddingService service(BundledEmbeddingModel.Kind kind) {
        return new EmbeddingService(new BundledEmbeddingModel(kind), new EmbeddingConfig() {
            @Override
            public String model() {
                return kind.id();
            }

            @Override
            public int batchSize() {
                return 64;
            }

            @Override
            public int queryCacheSize() {
                return 16;
            }
        });
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @ParameterizedTest
    @EnumSource(BundledEmbeddingModel.Kind.class)
    void findsTheAnswerCloserThanAnUnrelatedMemory(BundledEmbeddingModel.Kind kind) {
        EmbeddingService embeddings = service(kind);
        float[] question = embeddings.embedQuery("Which instrument does Ana play?");
        List<float[]> memories = embeddings.embedAll(List.of(
                "Ana: I have played the cello in an orchestra since I was nine.",
                "The bus to the airport leaves every twenty minutes."));

        assertThat(embeddings.dimension()).isEqualTo(384);
        assertThat(question).hasSize(384);
        assertThat(dot(question, question)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(dot(question, memories.get(0))).isGreaterThan(dot(question, memories.get(1)));
    }

    @ParameterizedTest
    @EnumSource(BundledEmbeddingModel.Kind.class)
    void embedsAQuestionAndAMemoryAlikeOnlyForASymmetricModel(BundledEmbeddingModel.Kind kind) {
        EmbeddingService embeddings = service(kind);
        String text = "I moved to Lisbon last spring";
        float[] asQuery = embeddings.embedQuery(text);
        float[] asMemory = embeddings.embedAll(List.of(text)).get(0);

        if (kind == BundledEmbeddingModel.Kind.ALL_MINILM_L6_V2_Q) {
            assertThat(asMemory).containsExactly(asQuery);
        } else {
            // "query: " and "passage: " (e5), the retrieval instruction (bge): the vectors differ, a little
            assertThat(asMemory).isNotEqualTo(asQuery);
            assertThat(dot(asQuery, asMemory)).isGreaterThan(0.8);
        }
    }

    @Test
    void anUnknownModelNamesTheKnownOnes() {
        assertThatThrownBy(() -> BundledEmbeddingModel.Kind.of("gpt-embeddings"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown model 'gpt-embeddings'")
                .hasMessageContaining("e5-small-v2-q, bge-small-en-v1.5-q");
    }
}
