package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.config.MoatConfig;
import dev.moat.context.ContextBuilder;
import dev.moat.embed.EmbeddingService;
import dev.moat.index.IndexBenchmarkProbe;
import dev.moat.index.IndexConfig;
import dev.moat.index.MemoryIndex;
import dev.moat.memory.MemorySearchService;
import dev.moat.memory.MemoryService;
import dev.moat.user.Owner;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The performance suite: at each size, one user's memories searched four ways side by side (over HTTP; in-process
 * through the service; Lucene alone on the same index; LangChain4j's InMemoryEmbeddingStore with the same vectors),
 * ingest with and without the model, chat throughput through the offline provider, heap, RSS and bytes per memory;
 * with --users, a million memories over a thousand users; with --backend, each index backend in a process of its
 * own, side by side (PerfBackends). docs/BENCHMARKS.md reports a run.
 */
@Command(
        name = "perf",
        mixinStandardHelpOptions = true,
        description = "Search latency (HTTP, in-process, Lucene alone, InMemoryEmbeddingStore), ingest, chat, memory.")
@Dependent
@Unremovable
public class PerfBenchCommand implements Callable<Integer> {

    @Mixin
    PerfOptions options;

    @Mixin
    JsonReport json;

    @Inject
    MemoryService memories;

    @Inject
    MemorySearchService search;

    @Inject
    ContextBuilder contexts;

    @Inject
    EmbeddingService embeddings;

    @Inject
    MemoryIndex index;

    @Inject
    IndexBenchmarkProbe probe;

    @Inject
    IndexConfig indexConfig;

    @Inject
    MoatConfig moat;

    @Inject
    BenchKey key;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        options.validate();
        String own = indexConfig.backend().name().toLowerCase(Locale.ROOT);
        List<String> backends = options.backends(own);
        if (!backends.equals(List.of(own))) {
            PerfBackends.Comparison comparison = new PerfBackends(mapper).run(backends);
            PerfBackends.print(comparison);
            json.write(mapper, comparison);
            return 0;
        }
        PerfReport.Machine machine = new PerfReport.Machine(
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                own,
                options.queries,
                options.k,
                Math.max(indexConfig.candidates(), options.k),
                options.ingestClients);
        System.err.printf(
                Locale.ROOT,
                "bench perf: %d cores, max heap %d MB, %s%n",
                machine.cores(),
                machine.maxHeapMb(),
                machine.java());

        PerfReport.Ingest withModel = ingestWithModel();
        List<PerfReport.Step> steps = new ArrayList<>();
        Owner largest = null;
        long largestSize = 0;
        for (int size : options.sizes.stream().sorted().toList()) {
            Owner owner = Owner.of("perf-" + size);
            steps.add(oneUser(owner, size));
            largest = owner;
            largestSize = size;
        }
        if (options.users) {
            steps.add(manyUsers());
        }
        PerfReport.Chat chat = chat(largest, largestSize);
        PerfReport report = new PerfReport(
                machine,
                withModel,
                steps,
                chat,
                "Memory vectors are composed from the model's vectors of each synthetic sentence's phrases (bench/"
                        + "ComposedVectors); query vectors come from the model. HTTP and in-process include embedding"
                        + " the query; in-process with a cached vector and Lucene alone do not. HTTP floor: GET"
                        + " /v1/models after each search, the same client, key and server.");
        report.print();
        json.write(mapper, report);
        return 0;
    }

    /** The ingest rate through the model: batches of 500 through MemoryService.addAll, embeddings computed. */
    private PerfReport.Ingest ingestWithModel() {
        if (options.embeddedIngest == 0) {
            return new PerfReport.Ingest(0, 0);
        }
        System.err.printf(Locale.ROOT, "ingest with embeddings: %d memories%n", options.embeddedIngest);
        Owner owner = Owner.of("perf-embedded");
        long t0 = System.nanoTime();
        new SyntheticMemories(options.seed).ingest(memories, owner, options.embeddedIngest);
        double perSecond = options.embeddedIngest / seconds(t0);
        memories.forget(owner);
        return new PerfReport.Ingest(options.embeddedIngest, perSecond);
    }

    private PerfReport.Step oneUser(Owner owner, int size) throws Exception {
        System.err.printf(Locale.ROOT, "one user, %,d memories%n", size);
        ComposedVectors vectors = new ComposedVectors(embeddings, options.seed);
        long t0 = System.nanoTime();
        try (BulkLoader loader = new BulkLoader(memories, options.ingestClients)) {
            loader.ingest(owner, new SyntheticMemories(options.seed + size), vectors, size, "  ");
            loader.await();
        }
        double ingestPerSecond = size / seconds(t0);
        double mergeSeconds = awaitMerges();
        PerfReport.Resources resources = ProcessProbe.measure(moat.dataDir(), index.status());

        SearchTimings timing = timings();
        SearchTimings.Timings timings = timing.searchEveryWay(List.of(owner), new Random(options.seed));
        Percentiles inMemory = timing.peer(size, timings.vectors());
        return step("1 user", size, ingestPerSecond, mergeSeconds, timings, inMemory, resources);
    }

    private PerfReport.Step manyUsers() throws Exception {
        long total = (long) options.userCount * options.perUser;
        System.err.printf(Locale.ROOT, "%,d users x %,d memories = %,d%n", options.userCount, options.perUser, total);
        ComposedVectors vectors = new ComposedVectors(embeddings, options.seed);
        SyntheticMemories corpus = new SyntheticMemories(options.seed + total);
        List<Owner> owners;
        long t0 = System.nanoTime();
        try (BulkLoader loader = new BulkLoader(memories, options.ingestClients)) {
            owners = loader.ingestUsers("perf-u", options.userCount, options.perUser, corpus, vectors);
            loader.await();
        }
        double ingestPerSecond = total / seconds(t0);
        double mergeSeconds = awaitMerges();
        PerfReport.Resources resources = ProcessProbe.measure(moat.dataDir(), index.status());
        SearchTimings.Timings timings = timings().searchEveryWay(owners, new Random(options.seed));
        return step(options.userCount + " users", total, ingestPerSecond, mergeSeconds, timings, null, resources);
    }

    private SearchTimings timings() {
        return new SearchTimings(
                search,
                contexts,
                embeddings,
                probe,
                new LocalApi(mapper, key.bearer()),
                options.queries,
                options.warmup,
                options.k,
                Math.max(indexConfig.candidates(), options.k),
                options.peerQueries,
                options.seed);
    }

    private PerfReport.Step step(
            String scenario,
            long size,
            double ingestPerSecond,
            double mergeSeconds,
            SearchTimings.Timings t,
            Percentiles inMemory,
            PerfReport.Resources resources) {
        return new PerfReport.Step(
                scenario,
                size,
                ingestPerSecond,
                mergeSeconds,
                t.http(),
                t.httpFloor(),
                t.inProcess(),
                t.inProcessCached(),
                t.context(),
                t.lucene(),
                t.luceneKnn(),
                t.engineTook(),
                inMemory,
                ratio(t.http().p50(), t.lucene().p50()),
                ratio(t.inProcessCached().p50(), t.lucene().p50()),
                inMemory == null ? 0 : ratio(inMemory.p50(), t.luceneKnn().p50()),
                resources);
    }

    /** Lets the merges the ingest started finish, so searches are timed on a settled index; their seconds. */
    private double awaitMerges() {
        long t0 = System.nanoTime();
        probe.awaitMerges();
        double seconds = seconds(t0);
        System.err.printf(Locale.ROOT, "  merges settled in %.1f s%n", seconds);
        return seconds;
    }

    /** Chats through the offline provider to the largest user: store, search, answer, store the reply. */
    private PerfReport.Chat chat(Owner owner, long userMemories) throws Exception {
        if (options.chatRequests == 0) {
            return null; // --chat-requests 0: no chat
        }
        System.err.printf(
                Locale.ROOT,
                "chat: %d clients, %d chats to %s%n",
                options.chatClients,
                options.chatRequests,
                owner.userId());
        ChatLoad load = new ChatLoad(new LocalApi(mapper, key.bearer()), owner.userId(), "offline");
        SyntheticMemories corpus = new SyntheticMemories(options.seed + 7);
        load.run(corpus, options.chatClients, Math.min(options.chatRequests, 1000)); // warm-up
        long t0 = System.nanoTime();
        long[] nanos = load.run(corpus, options.chatClients, options.chatRequests);
        double perSecond = options.chatRequests / seconds(t0);
        return new PerfReport.Chat(
                owner.userId(),
                userMemories,
                options.chatClients,
                options.chatRequests,
                perSecond,
                Percentiles.ofNanos(nanos));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : Math.round(a / b * 100) / 100.0;
    }
}
