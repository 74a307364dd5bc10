package dev.moat.memory.indexing;

import dev.moat.embed.EmbeddingService;
import dev.moat.index.IndexConfig;
import dev.moat.index.LuceneMemoryIndex;
import dev.moat.index.MemoryIndex;
import dev.moat.index.OpenSearchConfig;
import dev.moat.index.OpenSearchMemoryIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * The MemoryIndex every feature uses: the backend moat.index.backend names, and only that one is ever opened. Here,
 * beside the store, because the OpenSearch index's mapping needs the embedding model's dimension and the index
 * package knows no model.
 */
@ApplicationScoped
public class IndexBackends {

    @Produces
    @ApplicationScoped
    MemoryIndex memoryIndex(
            IndexConfig config,
            Instance<LuceneMemoryIndex> embedded,
            Instance<OpenSearchConfig> opensearch,
            EmbeddingService embeddings) {
        return switch (config.backend()) {
            case EMBEDDED -> embedded.get();
            case OPENSEARCH -> new OpenSearchMemoryIndex(opensearch.get(), config, embeddings.dimension());
        };
    }

    void close(@Disposes MemoryIndex index) {
        if (index instanceof OpenSearchMemoryIndex cluster) {
            cluster.close();
        }
    }
}
