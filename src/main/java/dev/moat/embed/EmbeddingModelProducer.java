package dev.moat.embed;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the configured LangChain4j embedding model. */
public class EmbeddingModelProducer {

    @Produces
    @Singleton
    BundledEmbeddingModel embeddingModel(EmbeddingConfig config) {
        return new BundledEmbeddingModel(BundledEmbeddingModel.Kind.of(config.model()));
    }
}
