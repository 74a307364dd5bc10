package dev.moat.index;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The OpenSearch cluster the index lives in when moat.index.backend=opensearch (docs/SCALING.md). */
@ConfigMapping(prefix = "moat.opensearch")
public interface OpenSearchConfig {

    /** Node URLs, comma-separated (http://host:9200); requests spread over them. */
    @WithDefault("http://localhost:9200")
    List<String> url();

    /** Basic auth, from the environment (MOAT_OPENSEARCH_USERNAME, MOAT_OPENSEARCH_PASSWORD); none by default. */
    Optional<String> username();

    Optional<String> password();

    /** Name of the index Moat creates and uses; instances sharing one database share it. */
    @WithDefault("moat-memories")
    String index();

    /**
     * The index is this process's scratch: deleted when the process stops. Benchmarks and experiments set it, with an
     * index name of their own, so they never touch (or repair away) the service's index on a shared cluster.
     */
    @WithDefault("false")
    boolean scratch();

    /** Shards and replicas of the index when Moat creates it. A user's memories always live in one shard. */
    @WithDefault("1")
    int shards();

    @WithDefault("0")
    int replicas();

    /**
     * How often the cluster makes changes searchable by itself. A write that must be searchable when it returns waits
     * for the next such refresh (refresh=wait_for), so this is also what such a write adds to its latency.
     */
    @WithDefault("100ms")
    Duration refreshInterval();

    /** Longest wait for one request to the cluster. */
    @WithDefault("10s")
    Duration timeout();
}
