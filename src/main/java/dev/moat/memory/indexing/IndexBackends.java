package dev.moat.memory.indexing;

import dev.moat.embed.EmbeddingService;
import dev.moat.index.IndexBenchmarkProbe;
import dev.moat.index.IndexConfig;
import dev.moat.index.LuceneBenchmarkProbe;
import dev.moat.index.LuceneMemoryIndex;
import dev.moat.index.MemoryIndex;
import dev.moat.index.OpenSearchConfig;
import dev.moat.index.OpenSearchMemoryIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

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
            IndexConfig config, Instance<LuceneMemoryIndex> embedded, Instance<OpenSearchMemoryIndex> cluster) {
        return switch (config.backend()) {
            case EMBEDDED -> embedded.get();
            case OPENSEARCH -> cluster.get();
        };
    }

    /** The OpenSearch index, made only when the backend is asked for (no connection otherwise). */
    @Produces
    @Singleton
    @Typed(OpenSearchMemoryIndex.class)
    OpenSearchMemoryIndex cluster(OpenSearchConfig opensearch, IndexConfig config, EmbeddingService embeddings) {
        return new OpenSearchMemoryIndex(opensearch, config, embeddings.dimension());
    }

    /** What benchmarks measure the index with beside the service: the backend's own queries alone. */
    @Produces
    @ApplicationScoped
    IndexBenchmarkProbe benchmarkProbe(
            IndexConfig config, Instance<LuceneBenchmarkProbe> embedded, Instance<OpenSearchMemoryIndex> clusters) {
        if (config.backend() == IndexConfig.Backend.EMBEDDED) {
            return embedded.get();
        }
        return clusters.get();
    }

    void close(@Disposes OpenSearchMemoryIndex cluster) {
        cluster.close();
    }
}
