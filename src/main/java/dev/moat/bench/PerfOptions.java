package dev.moat.bench;

import dev.moat.cli.CommandException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options of {@code bench perf} (docs/BENCHMARKS.md), checked before anything is measured. */
public class PerfOptions {

    @Option(
            names = "--sizes",
            split = ",",
            defaultValue = "1000,10000,100000",
            description = "Memories of one user at each step (default ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(
            names = "--users",
            description = "Also --user-count users of --per-user memories each (1,000 x 1,000: a million).")
    boolean users;

    @Option(names = "--user-count", defaultValue = "1000", description = "Users with --users (${DEFAULT-VALUE}).")
    int userCount;

    @Option(names = "--per-user", defaultValue = "1000", description = "Memories each with --users (${DEFAULT-VALUE}).")
    int perUser;

    @Option(names = "--queries", defaultValue = "1000", description = "Timed queries per way (${DEFAULT-VALUE}).")
    int queries;

    @Option(
            names = "--warmup",
            defaultValue = "1000",
            description = "Untimed queries first at each size, for the JIT (${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--k", defaultValue = "10", description = "Hits per query (${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--peer-queries",
            defaultValue = "200",
            description = "Timed queries of InMemoryEmbeddingStore, which scans every vector (${DEFAULT-VALUE}).")
    int peerQueries;

    @Option(
            names = "--embedded-ingest",
            defaultValue = "5000",
            description =
                    "Memories ingested through the model, for the ingest rate with embeddings (${DEFAULT-VALUE}).")
    int embeddedIngest;

    @Option(
            names = "--ingest-clients",
            defaultValue = "1",
            description = "Threads sending the batches of the ingest without embeddings at once (${DEFAULT-VALUE}).")
    int ingestClients;

    @Option(names = "--chat-requests", defaultValue = "2000", description = "Timed chats (${DEFAULT-VALUE}).")
    int chatRequests;

    @Option(names = "--chat-clients", defaultValue = "16", description = "Concurrent chat clients (${DEFAULT-VALUE}).")
    int chatClients;

    @Option(
            names = "--backend",
            split = ",",
            description = "Index backends to measure, each in a process of its own, one after the other, the figures"
                    + " side by side: embedded, opensearch (with moat.opensearch.url), or both; default: this"
                    + " process's moat.index.backend.")
    List<String> backends = List.of();

    @Option(names = "--seed", defaultValue = "42", description = "Seed of corpus and queries (${DEFAULT-VALUE}).")
    long seed;

    /** The backends asked for, lower case; this process's own when none was named. */
    List<String> backends(String own) {
        List<String> named = backends.stream()
                .map(b -> b.trim().toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        for (String b : named) {
            if (!b.equals("embedded") && !b.equals("opensearch")) {
                throw new CommandException(
                        "--backend takes embedded, opensearch or both (embedded,opensearch)," + " not '" + b + "'");
            }
        }
        return named.isEmpty() ? List.of(own) : named;
    }

    /** Refuses counts that would measure nothing, with one line naming the options. */
    void validate() {
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
            throw new CommandException("--sizes takes memory counts >= 1, such as 1000,10000,100000");
        }
        boolean countsOk = queries >= 1
                && peerQueries >= 1
                && ingestClients >= 1
                && userCount >= 1
                && perUser >= 1
                && warmup >= 0
                && embeddedIngest >= 0
                && k >= 1
                && k <= 100;
        if (!countsOk) {
            throw new CommandException("--queries, --peer-queries, --ingest-clients, --user-count, --per-user >= 1;"
                    + " --warmup, --embedded-ingest >= 0; --k in 1..100");
        }
        if (chatClients < 1 || (chatRequests != 0 && chatRequests < chatClients)) {
            throw new CommandException("--chat-clients >= 1; --chat-requests 0 (no chat) or >= --chat-clients");
        }
    }
}
