package dev.moat.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The MemoryIndex every feature uses: the backend moat.index.backend names, and only that one is ever opened. */
@ApplicationScoped
public class IndexBackends {

    @Produces
    @ApplicationScoped
    MemoryIndex memoryIndex(
            IndexConfig config, Instance<LuceneMemoryIndex> embedded, Instance<OpenSearchMemoryIndex> opensearch) {
        return switch (config.backend()) {
            case EMBEDDED -> embedded.get();
            case OPENSEARCH -> opensearch.get();
        };
    }
}
