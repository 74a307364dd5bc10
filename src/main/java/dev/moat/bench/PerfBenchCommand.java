package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.moat.cli.CommandException;
import dev.moat.config.MoatConfig;
import dev.moat.embed.EmbeddingService;
import dev.moat.index.IndexBenchmarkProbe;
import dev.moat.index.IndexConfig;
import dev.moat.index.IndexQuery;
import dev.moat.index.MemoryIndex;
import dev.moat.memory.MemorySearchService;
import dev.moat.memory.MemoryService;
import dev.moat.memory.NewMemory;
import dev.moat.memory.SearchRequest;
import dev.moat.user.Owner;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The performance suite: at each size, one user's memories searched four ways side by side (over HTTP; in-process
 * through the service; Lucene alone on the same index; LangChain4j's InMemoryEmbeddingStore with the same vectors),
 * ingest with and without the model, chat throughput through the offline provider, heap, RSS and bytes per memory;
 * with --users, a million memories over a thousand users. docs/BENCHMARKS.md reports a run.
 */
@Command(
        name = "perf",
        mixinStandardHelpOptions = true,
        description = "Search latency (HTTP, in-process, Lucene alone, InMemoryEmbeddingStore), ingest, chat, memory.")
@Dependent
@Unremovable
public class PerfBenchCommand implements Callable<Integer> {

    private static final int BATCH = 500;
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

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

    @Option(names = "--seed", defaultValue = "42", description = "Seed of corpus and queries (${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    JsonReport json;

    @Inject
    MemoryService memories;

    @Inject
    MemorySearchService search;

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

    /** What {@code bench perf} measured; latencies in milliseconds, ratios are p50 over Lucene alone's p50. */
    public record PerfReport(Machine machine, Ingest ingestWithEmbeddings, List<Step> steps, Chat chat, String notes) {}

    public record Machine(
            int cores, long maxHeapMb, String java, int queries, int k, int candidates, int ingestClients) {}

    public record Ingest(int memories, double perSecond) {}

    /** One step: a user (or many) searched every way, and the process's memory afterwards. */
    public record Step(
            String scenario,
            long memories,
            double ingestPerSecond,
            double mergeSeconds,
            Percentiles http,
            Percentiles httpFloor,
            Percentiles inProcess,
            Percentiles inProcessCachedVector,
            Percentiles lucene,
            Percentiles luceneKnn,
            Percentiles inMemoryStore,
            double httpOverLucene,
            double inProcessCachedOverLucene,
            double inMemoryStoreOverLuceneKnn,
            Resources resources) {}

    public record Resources(
            long heapUsedMb,
            long rssMb,
            long indexedMemories,
            int segments,
            long indexBytesPerMemory,
            long dbBytesPerMemory) {}

    public record Chat(String user, long userMemories, int clients, int requests, double perSecond, Percentiles ms) {}

    @Override
    public Integer call() throws Exception {
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
        Machine machine = new Machine(
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                queries,
                k,
                Math.max(indexConfig.candidates(), k),
                ingestClients);
        System.err.printf(
                Locale.ROOT,
                "bench perf: %d cores, max heap %d MB, %s%n",
                machine.cores(),
                machine.maxHeapMb(),
                machine.java());

        Ingest withModel = ingestWithModel();
        List<Step> steps = new ArrayList<>();
        Owner largest = null;
        long largestSize = 0;
        for (int size : sizes.stream().sorted().toList()) {
            Owner owner = Owner.of("perf-" + size);
            steps.add(oneUser(owner, size));
            largest = owner;
            largestSize = size;
        }
        if (users) {
            steps.add(manyUsers());
        }
        Chat chat = chat(largest, largestSize);
        PerfReport report = new PerfReport(
                machine,
                withModel,
                steps,
                chat,
                "Memory vectors are composed from the model's vectors of each synthetic sentence's phrases (bench/"
                        + "ComposedVectors); query vectors come from the model. HTTP and in-process include embedding"
                        + " the query; in-process with a cached vector and Lucene alone do not. HTTP floor: GET"
                        + " /v1/models after each search, the same client, key and server.");
        print(report);
        json.write(mapper, report);
        return 0;
    }

    /** The ingest rate through the model: batches of 500 through MemoryService.addAll, embeddings computed. */
    private Ingest ingestWithModel() {
        if (embeddedIngest == 0) {
            return new Ingest(0, 0);
        }
        System.err.printf(Locale.ROOT, "ingest with embeddings: %d memories%n", embeddedIngest);
        Owner owner = Owner.of("perf-embedded");
        long t0 = System.nanoTime();
        new SyntheticMemories(seed).ingest(memories, owner, embeddedIngest);
        double perSecond = embeddedIngest / seconds(t0);
        memories.forget(owner);
        return new Ingest(embeddedIngest, perSecond);
    }

    private Step oneUser(Owner owner, int size) throws Exception {
        System.err.printf(Locale.ROOT, "one user, %,d memories%n", size);
        ComposedVectors vectors = new ComposedVectors(embeddings, seed);
        long t0 = System.nanoTime();
        try (Loader loader = new Loader()) {
            ingest(loader, owner, new SyntheticMemories(seed + size), vectors, size, "  ");
            loader.await();
        }
        double ingestPerSecond = size / seconds(t0);
        double mergeSeconds = awaitMerges();
        Resources resources = resources();

        Random pick = new Random(seed);
        List<Owner> owners = List.of(owner);
        Timings timings = searchEveryWay(owners, pick);
        Percentiles inMemory = peer(size, timings.vectors);
        return step("1 user", size, ingestPerSecond, mergeSeconds, timings, inMemory, resources);
    }

    /**
     * The peer: LangChain4j's InMemoryEmbeddingStore holding the same user's vectors (made again from the same
     * seeds), asked for as many candidates as the service's kNN with the same query vectors.
     */
    private Percentiles peer(int size, List<float[]> queryVectors) {
        System.err.println("  InMemoryEmbeddingStore");
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        SyntheticMemories same = new SyntheticMemories(seed + size);
        ComposedVectors sameVectors = new ComposedVectors(embeddings, seed);
        List<Embedding> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(Embedding.from(sameVectors.of(same.sentence().parts())));
        }
        store.addAll(all);
        int n = Math.max(indexConfig.candidates(), k);
        int count = Math.min(peerQueries, queryVectors.size());
        for (int i = 0; i < Math.min(warmup, count); i++) {
            store.search(request(queryVectors.get(i), n));
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            EmbeddingSearchRequest request = request(queryVectors.get(i), n);
            long t = System.nanoTime();
            store.search(request);
            nanos[i] = System.nanoTime() - t;
        }
        return Percentiles.ofNanos(nanos);
    }

    private Step manyUsers() throws Exception {
        long total = (long) userCount * perUser;
        System.err.printf(Locale.ROOT, "%,d users x %,d memories = %,d%n", userCount, perUser, total);
        ComposedVectors vectors = new ComposedVectors(embeddings, seed);
        SyntheticMemories corpus = new SyntheticMemories(seed + total);
        List<Owner> owners = new ArrayList<>(userCount);
        long t0 = System.nanoTime();
        try (Loader loader = new Loader()) {
            for (int u = 0; u < userCount; u++) {
                Owner owner = Owner.of("perf-u" + u);
                owners.add(owner);
                ingest(loader, owner, corpus, vectors, perUser, null);
                if ((u + 1) % Math.max(1, userCount / 20) == 0 || u + 1 == userCount) {
                    System.err.printf(
                            Locale.ROOT,
                            "  %,d/%,d users sent, %,.0f memories/s%n",
                            u + 1,
                            userCount,
                            (u + 1L) * perUser / seconds(t0));
                }
            }
            loader.await();
        }
        double ingestPerSecond = total / seconds(t0);
        double mergeSeconds = awaitMerges();
        Resources resources = resources();
        Timings timings = searchEveryWay(owners, new Random(seed));
        return step(userCount + " users", total, ingestPerSecond, mergeSeconds, timings, null, resources);
    }

    private Step step(
            String scenario,
            long size,
            double ingestPerSecond,
            double mergeSeconds,
            Timings t,
            Percentiles inMemory,
            Resources resources) {
        return new Step(
                scenario,
                size,
                ingestPerSecond,
                mergeSeconds,
                t.http,
                t.httpFloor,
                t.inProcess,
                t.inProcessCached,
                t.lucene,
                t.luceneKnn,
                inMemory,
                ratio(t.http.p50(), t.lucene.p50()),
                ratio(t.inProcessCached.p50(), t.lucene.p50()),
                inMemory == null ? 0 : ratio(inMemory.p50(), t.luceneKnn.p50()),
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

    /** Memories in batches through MemoryService.addAllEmbedded: the write path, database and index, no model. */
    private void ingest(
            Loader loader, Owner owner, SyntheticMemories corpus, ComposedVectors vectors, int size, String progress)
            throws InterruptedException {
        for (int from = 0; from < size; from += BATCH) {
            int to = Math.min(size, from + BATCH);
            List<NewMemory> batch = new ArrayList<>(to - from);
            List<float[]> batchVectors = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                SyntheticMemories.Sentence s = corpus.sentence();
                batch.add(new NewMemory(s.text(), null, EPOCH.plus(Duration.ofHours(i)), null, null));
                batchVectors.add(vectors.of(s.parts()));
            }
            loader.send(owner, batch, batchVectors);
            if (progress != null && (to % Math.max(BATCH, size / 10 / BATCH * BATCH) == 0 || to == size)) {
                System.err.printf(Locale.ROOT, "%s%,d/%,d memories sent%n", progress, to, size);
            }
        }
    }

    /**
     * Batches sent by --ingest-clients threads at once, as that many clients of the batch endpoint would: the
     * corpus is made on the calling thread (in order, so a seed gives the same memories), the writes run on the
     * clients, at most two batches per client waiting.
     */
    private final class Loader implements AutoCloseable {

        private final ExecutorService clients = Executors.newFixedThreadPool(ingestClients);
        private final Semaphore room = new Semaphore(ingestClients * 2);
        private final List<Future<?>> sent = new ArrayList<>();

        void send(Owner owner, List<NewMemory> batch, List<float[]> vectors) throws InterruptedException {
            room.acquire();
            sent.add(clients.submit(() -> {
                try {
                    memories.addAllEmbedded(owner, batch, vectors);
                } finally {
                    room.release();
                }
            }));
        }

        /** Waits until every batch sent is stored and searchable; rethrows the first failure. */
        void await() throws InterruptedException, ExecutionException {
            for (Future<?> f : sent) {
                f.get();
            }
            sent.clear();
        }

        @Override
        public void close() {
            clients.shutdownNow();
        }
    }

    /** The timings of one step's searches, and the query vectors the peer reuses. */
    private record Timings(
            Percentiles http,
            Percentiles httpFloor,
            Percentiles inProcess,
            Percentiles inProcessCached,
            Percentiles lucene,
            Percentiles luceneKnn,
            List<float[]> vectors) {}

    /**
     * Distinct questions, each to a user drawn from owners: over HTTP (query embedded), in-process through
     * MemorySearchService (query embedded: fresh questions), in-process again with each question's vector already
     * cached, then Lucene alone with the same texts and vectors.
     */
    private Timings searchEveryWay(List<Owner> owners, Random pick) throws Exception {
        SyntheticMemories questions = new SyntheticMemories(seed ^ 0x5eed);
        int[] serial = {0};
        Supplier<String> fresh = () -> questions.question() + " #" + serial[0]++;

        System.err.println("  HTTP");
        LocalApi api = new LocalApi(mapper, key.bearer());
        for (int i = 0; i < warmup; i++) {
            api.search(owners.get(pick.nextInt(owners.size())).userId(), fresh.get(), k);
        }
        // Each search is followed by the cheapest authenticated call, GET /v1/models: the HTTP stack's and this
        // machine's floor under the same conditions.
        long[] httpNanos = new long[queries];
        long[] floorNanos = new long[queries];
        for (int i = 0; i < queries; i++) {
            Owner owner = owners.get(pick.nextInt(owners.size()));
            String query = fresh.get();
            long t = System.nanoTime();
            api.search(owner.userId(), query, k);
            httpNanos[i] = System.nanoTime() - t;
            t = System.nanoTime();
            api.get("models");
            floorNanos[i] = System.nanoTime() - t;
        }

        System.err.println("  in-process");
        for (int i = 0; i < warmup; i++) {
            search.search(owners.get(pick.nextInt(owners.size())), request(fresh.get()));
        }
        List<Owner> asked = new ArrayList<>(queries);
        List<String> texts = new ArrayList<>(queries);
        long[] inProcess = new long[queries];
        long[] cached = new long[queries];
        for (int i = 0; i < queries; i++) {
            Owner owner = owners.get(pick.nextInt(owners.size()));
            String query = fresh.get();
            asked.add(owner);
            texts.add(query);
            long t = System.nanoTime();
            search.search(owner, request(query));
            inProcess[i] = System.nanoTime() - t;
            t = System.nanoTime();
            search.search(owner, request(query)); // the same question again: its vector comes from the cache
            cached[i] = System.nanoTime() - t;
        }

        System.err.println("  Lucene alone");
        List<float[]> vectors = new ArrayList<>(queries);
        List<IndexQuery> luceneQueries = new ArrayList<>(queries);
        for (int i = 0; i < queries; i++) {
            float[] vector = embeddings.embedQuery(texts.get(i));
            vectors.add(vector);
            luceneQueries.add(new IndexQuery(asked.get(i), texts.get(i), vector, k, null, null, null));
        }
        for (int i = 0; i < warmup; i++) {
            probe.searchLuceneOnly(luceneQueries.get(i % queries), true);
            probe.searchLuceneOnly(luceneQueries.get(i % queries), false);
        }
        long[] lucene = new long[queries];
        long[] knn = new long[queries];
        for (int i = 0; i < queries; i++) {
            long t = System.nanoTime();
            probe.searchLuceneOnly(luceneQueries.get(i), true);
            lucene[i] = System.nanoTime() - t;
            t = System.nanoTime();
            probe.searchLuceneOnly(luceneQueries.get(i), false);
            knn[i] = System.nanoTime() - t;
        }
        return new Timings(
                Percentiles.ofNanos(httpNanos),
                Percentiles.ofNanos(floorNanos),
                Percentiles.ofNanos(inProcess),
                Percentiles.ofNanos(cached),
                Percentiles.ofNanos(lucene),
                Percentiles.ofNanos(knn),
                vectors);
    }

    private SearchRequest request(String query) {
        return new SearchRequest(query, k, null, null, null);
    }

    private static EmbeddingSearchRequest request(float[] vector, int n) {
        return EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(vector))
                .maxResults(n)
                .build();
    }

    /** Chats through the offline provider to the largest user: store, search, answer, store the reply. */
    private Chat chat(Owner owner, long userMemories) throws Exception {
        if (chatRequests == 0) {
            return null; // --chat-requests 0: no chat
        }
        System.err.printf(Locale.ROOT, "chat: %d clients, %d chats to %s%n", chatClients, chatRequests, owner.userId());
        ChatLoad load = new ChatLoad(new LocalApi(mapper, key.bearer()), owner.userId(), "offline");
        SyntheticMemories corpus = new SyntheticMemories(seed + 7);
        load.run(corpus, chatClients, Math.min(chatRequests, 1000)); // warm-up
        long t0 = System.nanoTime();
        long[] nanos = load.run(corpus, chatClients, chatRequests);
        double perSecond = chatRequests / seconds(t0);
        return new Chat(owner.userId(), userMemories, chatClients, chatRequests, perSecond, Percentiles.ofNanos(nanos));
    }

    /** Heap after a full collection, resident set size, and the index's and database's bytes per memory. */
    private Resources resources() {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long indexBytes = folderBytes(moat.dataDir().resolve("index"));
        long dbBytes = folderBytes(moat.dataDir().resolve("db"));
        MemoryIndex.IndexStatus status = index.status();
        long indexed = Math.max(1, status.memories());
        return new Resources(
                heap >> 20,
                residentMb(),
                status.memories(),
                status.segments(),
                indexBytes / indexed,
                dbBytes / indexed);
    }

    /** VmRSS from /proc (Linux); -1 elsewhere. */
    private static long residentMb() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) >> 10)
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static long folderBytes(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0; // a segment merged away while we looked
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : Math.round(a / b * 100) / 100.0;
    }

    private static void print(PerfReport r) {
        Machine m = r.machine();
        System.out.printf(
                Locale.ROOT,
                "%n%d cores, max heap %,d MB, %s; %d timed queries per way, k=%d (%d candidates per retriever)%n",
                m.cores(),
                m.maxHeapMb(),
                m.java(),
                m.queries(),
                m.k(),
                m.candidates());
        System.out.printf(
                Locale.ROOT,
                "ingest with embeddings (the model on each memory, batches of %d): %,.0f memories/s (%,d)%n%n",
                BATCH,
                r.ingestWithEmbeddings().perSecond(),
                r.ingestWithEmbeddings().memories());
        System.out.println(
                "search latency, p50 / p99 ms; ratio: p50 over Lucene alone's (the peer: over Lucene kNN's)");
        System.out.println("| memories | HTTP | HTTP floor | in-process | in-process, vector cached | Lucene alone"
                + " | Lucene kNN alone | InMemoryEmbeddingStore | HTTP / Lucene | in-process cached / Lucene"
                + " | peer / kNN |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Step s : r.steps()) {
            System.out.printf(
                    Locale.ROOT,
                    "| %,d (%s) | %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f | %s |%n",
                    s.memories(),
                    s.scenario(),
                    ms(s.http()),
                    ms(s.httpFloor()),
                    ms(s.inProcess()),
                    ms(s.inProcessCachedVector()),
                    ms(s.lucene()),
                    ms(s.luceneKnn()),
                    s.inMemoryStore() == null ? "-" : ms(s.inMemoryStore()),
                    s.httpOverLucene(),
                    s.inProcessCachedOverLucene(),
                    s.inMemoryStore() == null
                            ? "-"
                            : String.format(Locale.ROOT, "%.2f", s.inMemoryStoreOverLuceneKnn()));
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "ingest without embeddings: batches of %d from %d clients at once%n",
                BATCH,
                m.ingestClients());
        System.out.println("| memories | ingest without embeddings /s | then merges s | heap after GC MB | RSS MB"
                + " | in the index | segments | index bytes/memory | database bytes/memory |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Step s : r.steps()) {
            Resources res = s.resources();
            System.out.printf(
                    Locale.ROOT,
                    "| %,d (%s) | %,.0f | %.1f | %,d | %,d | %,d | %d | %,d | %,d |%n",
                    s.memories(),
                    s.scenario(),
                    s.ingestPerSecond(),
                    s.mergeSeconds(),
                    res.heapUsedMb(),
                    res.rssMb(),
                    res.indexedMemories(),
                    res.segments(),
                    res.indexBytesPerMemory(),
                    res.dbBytesPerMemory());
        }
        if (r.chat() != null) {
            Chat c = r.chat();
            System.out.printf(
                    Locale.ROOT,
                    "%nchat via offline, %d clients, user with %,d memories: %.1f chats/s, p50 %.1f ms, p99 %.1f ms%n",
                    c.clients(),
                    c.userMemories(),
                    c.perSecond(),
                    c.ms().p50(),
                    c.ms().p99());
        }
        System.out.println(r.notes());
    }

    private static String ms(Percentiles p) {
        return String.format(Locale.ROOT, "%.2f / %.2f", p.p50(), p.p99());
    }
}
