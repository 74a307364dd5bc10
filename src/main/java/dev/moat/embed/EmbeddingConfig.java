package dev.moat.embed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How memories and queries become vectors. */
@ConfigMapping(prefix = "moat.embedding")
public interface EmbeddingConfig {

    /**
     * The embedding model, run in-process (384 dimensions, no key, no server): e5-small-v2-q, bge-small-en-v1.5-q or
     * all-minilm-l6-v2-q (BundledEmbeddingModel.Kind).
     */
    @WithDefault("e5-small-v2-q")
    String model();

    /** Texts embedded in one call when many memories arrive together. */
    @WithDefault("64")
    int batchSize();

    /** Query vectors kept in memory, so a repeated query is not embedded again (0 turns the cache off). */
    @WithDefault("1024")
    int queryCacheSize();
}
