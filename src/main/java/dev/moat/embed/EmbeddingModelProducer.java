package dev.moat.embed;

import dev.langchain4j.model.embedding.EmbeddingModel;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the configured LangChain4j embedding model. */
public class EmbeddingModelProducer {

    public static final String ALL_MINILM_L6_V2_Q = "all-minilm-l6-v2-q";

    @Produces
    @Singleton
    EmbeddingModel embeddingModel(EmbeddingConfig config) {
        if (ALL_MINILM_L6_V2_Q.equals(config.model())) {
            return new MiniLmEmbeddingModel();
        }
        throw new IllegalStateException(
                "moat.embedding.model: unknown model '" + config.model() + "'; expected " + ALL_MINILM_L6_V2_Q);
    }
}
