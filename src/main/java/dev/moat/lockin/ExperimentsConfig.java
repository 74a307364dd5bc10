package dev.moat.lockin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Experiments started over the API (docs/EXPERIMENTS.md, "Over HTTP"). */
@ConfigMapping(prefix = "moat.experiments")
public interface ExperimentsConfig {

    /** The folder data set paths must lie under; unset, only uploaded data sets are accepted. */
    Optional<Path> root();

    /** Experiments that run at once, each on a worker thread of its own. */
    @WithDefault("1")
    int workers();

    /** Sessions one experiment may replay; a larger data set is refused with 413. */
    @WithDefault("20000")
    int maxSessions();

    /** Experiments that may wait for a worker; more are refused with 429 until one finishes. */
    @WithDefault("8")
    int queue();
}
