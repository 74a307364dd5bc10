package dev.moat.portability.jobs;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Import jobs: uploads past the request body limit, imported in parts (docs/API.md, "Import jobs"). */
@ConfigMapping(prefix = "moat.imports")
public interface ImportJobsConfig {

    /** Where uploads wait for their job; each is deleted when its job ends. */
    Path dir();

    /** The largest upload taken; a larger one is refused with 413 as it arrives. */
    @WithDefault("1G")
    MemorySize maxUploadSize();

    /** Conversations in one part: one transaction, then searchable by BM25. */
    @WithDefault("200")
    int partSize();

    /** Memories embedded in one go while the vectors are filled in. */
    @WithDefault("256")
    int embedBatch();

    /** Jobs that run at once, each on a thread of its own. */
    @WithDefault("1")
    int workers();

    /** Jobs that may wait for a worker; more are refused with 429 until one ends. */
    @WithDefault("8")
    int queue();
}
