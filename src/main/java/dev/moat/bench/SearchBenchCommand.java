package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import dev.moat.memory.MemoryService;
import dev.moat.user.Owner;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Search latency over HTTP for one user with many memories: ingests a synthetic corpus through MemoryService, then
 * sends distinct queries one at a time to this process's own HTTP endpoint and times each round trip.
 */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search latency over HTTP for one user.")
@Dependent
@Unremovable
public class SearchBenchCommand implements Callable<Integer> {

    @Option(
            names = "--memories",
            defaultValue = "10000",
            description = "Memories of the user (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--queries", defaultValue = "1000", description = "Timed queries (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(
            names = "--warmup",
            defaultValue = "1500",
            description = "Untimed queries first, so the JIT and background merges settle (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--k", defaultValue = "10", description = "Hits per query (default ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the synthetic corpus (default ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    JsonReport json;

    @Inject
    MemoryService memories;

    @Inject
    BenchKey key;

    @Inject
    ObjectMapper mapper;

    /** What {@code bench search} measured. */
    public record SearchBenchReport(int memories, double ingestPerSecond, int queries, int k, Percentiles httpMs) {}

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (size < 1 || queries < 1 || warmup < 0 || k < 1 || k > 100) {
            throw new CommandException("--memories and --queries must be >= 1, --warmup >= 0, --k in 1..100");
        }
        Owner owner = Owner.of("bench-search");
        SyntheticMemories corpus = new SyntheticMemories(seed);
        long t0 = System.nanoTime();
        corpus.ingest(memories, owner, size);
        double ingestPerSecond = size / ((System.nanoTime() - t0) / 1e9);

        LocalApi api = new LocalApi(mapper, key.bearer());
        for (int i = 0; i < warmup; i++) {
            api.search(owner.userId(), corpus.question() + " #w" + i, k);
        }
        long[] nanos = new long[queries];
        for (int i = 0; i < queries; i++) {
            // Each query differs, so none comes from the query-embedding cache.
            String query = corpus.question() + " #" + i;
            long t = System.nanoTime();
            api.search(owner.userId(), query, k);
            nanos[i] = System.nanoTime() - t;
        }
        memories.forget(owner);
        SearchBenchReport report = new SearchBenchReport(size, ingestPerSecond, queries, k, Percentiles.ofNanos(nanos));
        System.out.printf(
                Locale.ROOT, "memories: %d, ingest %.1f memories/s (embeddings included)%n", size, ingestPerSecond);
        System.out.printf(
                Locale.ROOT,
                "HTTP search, %d queries, k=%d: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                queries,
                k,
                report.httpMs().p50(),
                report.httpMs().p95(),
                report.httpMs().p99(),
                report.httpMs().max());
        json.write(mapper, report);
        return 0;
    }
}
