package dev.moat.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;

/** Settings shared by every feature. */
@ConfigMapping(prefix = "moat")
public interface MoatConfig {

    /** Folder of the embedded database and the Lucene index (env MOAT_DATA_DIR). */
    Path dataDir();
}
