package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import dev.moat.memory.MemoryService;
import dev.moat.user.Owner;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Chat throughput and latency over HTTP: one user with many memories, several clients sending chats at once to
 * this process's own /v1/chat, each chat stored, searched, answered by the provider and its reply stored.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, description = "Chat throughput over HTTP, concurrent clients.")
@Dependent
@Unremovable
public class ChatBenchCommand implements Callable<Integer> {

    @Option(
            names = "--memories",
            defaultValue = "10000",
            description = "Memories of the user (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", defaultValue = "3000", description = "Timed chats in all (default ${DEFAULT-VALUE}).")
    int requests;

    /**
     * Untimed chats first. On two cores the JIT compiler keeps a core busy for the first minute or two of load, so a
     * short warm-up measures the compiler more than the service (1,000 chats: ~90 requests/s; 8,000: ~128).
     */
    @Option(
            names = "--warmup",
            defaultValue = "5000",
            description = "Untimed chats first, until the JIT compiler settles (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--provider",
            defaultValue = "offline",
            description = "Provider to chat with (default ${DEFAULT-VALUE}).")
    String provider;

    @Mixin
    JsonReport json;

    @Inject
    MemoryService memories;

    @Inject
    BenchKey key;

    @Inject
    ObjectMapper mapper;

    /** What {@code bench chat} measured; sequentialMs is one client alone: the time Moat adds to the provider's. */
    public record ChatBenchReport(
            int memories,
            int clients,
            int requests,
            double requestsPerSecond,
            Percentiles concurrentMs,
            Percentiles sequentialMs,
            String provider) {}

    @Override
    public Integer call() throws Exception {
        if (size < 0 || clients < 1 || requests < clients || warmup < 0) {
            throw new CommandException("--memories >= 0, --clients >= 1, --requests >= --clients, --warmup >= 0");
        }
        Owner owner = Owner.of("bench-chat");
        SyntheticMemories corpus = new SyntheticMemories(7);
        corpus.ingest(memories, owner, size);
        ChatLoad load = new ChatLoad(new LocalApi(mapper, key.bearer()), owner.userId(), provider);
        System.err.printf(Locale.ROOT, "  warming up with %d chats%n", warmup);
        load.run(corpus, clients, warmup);
        long t0 = System.nanoTime();
        long[] concurrent = load.run(corpus, clients, requests);
        double perSecond = requests / ((System.nanoTime() - t0) / 1e9);
        long[] sequential = load.run(corpus, 1, Math.min(500, requests));
        memories.forget(owner);
        ChatBenchReport report = new ChatBenchReport(
                size,
                clients,
                requests,
                perSecond,
                Percentiles.ofNanos(concurrent),
                Percentiles.ofNanos(sequential),
                provider);
        System.out.printf(
                Locale.ROOT,
                "chat via %s, user with %d memories, %d clients: %.1f requests/s; p50 %.1f ms, p99 %.1f ms%n",
                provider,
                size,
                clients,
                perSecond,
                report.concurrentMs().p50(),
                report.concurrentMs().p99());
        System.out.printf(
                Locale.ROOT,
                "one client alone (time Moat adds to the provider's): p50 %.1f ms, p99 %.1f ms%n",
                report.sequentialMs().p50(),
                report.sequentialMs().p99());
        json.write(mapper, report);
        return 0;
    }
}
