package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import dev.moat.embed.EmbeddingService;
import dev.moat.index.IndexBenchmarkProbe;
import dev.moat.index.IndexConfig;
import dev.moat.index.IndexQuery;
import dev.moat.memory.MemorySearchService;
import dev.moat.memory.MemoryService;
import dev.moat.memory.SearchRequest;
import dev.moat.user.Owner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What HTTP adds and what a chat costs, measured by a load generator in another process (wrk) against this process's
 * server, side by side with the same work in-process in the same run: the machine's floor, search over HTTP against
 * in-process search and against the question's embedding plus Lucene alone, and chat throughput against the ceiling
 * its model work allows. docs/BENCHMARKS.md, "HTTP, chat and ingest against their floors", reports a run.
 */
@Command(
        name = "http",
        mixinStandardHelpOptions = true,
        description = "Search and chat over HTTP, driven by wrk in another process, beside their in-process floors.")
@Dependent
@Unremovable
public class HttpBenchCommand implements Callable<Integer> {

    @Option(
            names = "--memories",
            defaultValue = "100000",
            description = "Memories of the searched user (default ${DEFAULT-VALUE}).")
    int size;

    @Option(
            names = "--chat-memories",
            defaultValue = "10000",
            description = "Memories of the chatting user; 0: no chat (default ${DEFAULT-VALUE}).")
    int chatSize;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Rounds of floor, HTTP search and in-process search, one after the other; 0: no search"
                    + " (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--seconds",
            defaultValue = "10",
            description = "Length of each timed wrk run and in-process run (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "30",
            description = "Untimed load first, for the JIT compiler, before search and before chat"
                    + " (default ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(
            names = "--chat-clients",
            defaultValue = "16",
            description = "Connections sending chats at once (default ${DEFAULT-VALUE}).")
    int chatClients;

    @Option(names = "--k", defaultValue = "10", description = "Hits per search (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--wrk", defaultValue = "wrk", description = "The wrk executable (default ${DEFAULT-VALUE}).")
    String wrkPath;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of corpus and questions (${DEFAULT-VALUE}).")
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
    IndexBenchmarkProbe probe;

    @Inject
    IndexConfig indexConfig;

    @Inject
    BenchKey key;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry metrics;

    /** The most requests a second one wrk connection is expected to make; bodies are made for twice as many. */
    private static final int MAX_RATE_PER_CONNECTION = 2_000;

    /** In-process timings of one round, milliseconds. */
    public record InProcess(
            long searches,
            Percentiles search,
            Percentiles embedding,
            Percentiles lucene,
            Percentiles embeddingPlusLucene) {}

    /**
     * One round, side by side. The targets of issue 22: HTTP p50 at most in-process p50 + 1 ms; HTTP p99 at most
     * in-process p99 + the floor's p99; in-process p50 at most 1.5 x (embedding + Lucene) p50.
     */
    public record Round(
            Wrk.Run floor,
            Wrk.Run withKey,
            Wrk.Run httpSearch,
            ServerSide serverSide,
            InProcess inProcess,
            double httpP50OverInProcessMs,
            double httpP99OverInProcessMs,
            double inProcessOverEmbeddingPlusLucene) {}

    /**
     * Where an HTTP search's time goes, from the service's own timers over the wrk run (means, ms): the HTTP server's
     * (request read to response written, http.server.requests) and the search's (moat.memory.searches); wrk's mean
     * less the first is the loopback and the load generator, the first less the second the HTTP stack.
     */
    public record ServerSide(double wrkMean, double httpServerMean, double searchMean) {}

    /** Chat through the offline provider, against the model work alone on the same messages and threads. */
    public record Chat(
            int userMemories,
            Wrk.Run chats,
            double embeddingsPerChat,
            double modelAlonePerSecond,
            double throughputOfCeiling,
            double p99OverP50) {}

    public record HttpBenchReport(
            int cores,
            long maxHeapMb,
            String embeddingModel,
            int memories,
            int k,
            int candidates,
            List<Round> rounds,
            Chat chat,
            String notes) {}

    @Override
    public Integer call() throws Exception {
        if (size < 1
                || chatSize < 0
                || rounds < 0
                || seconds < 1
                || warmupSeconds < 0
                || chatClients < 1
                || k < 1
                || k > 100) {
            throw new CommandException("--memories, --seconds, --chat-clients >= 1; --rounds, --chat-memories,"
                    + " --warmup-seconds >= 0; --k in 1..100");
        }
        String base = "http://127.0.0.1:" + System.getProperty("quarkus.http.port") + "/";
        Wrk wrk = new Wrk(wrkPath, base, key.bearer(), mapper, this::awaitNoRequestInFlight);
        System.err.printf(
                Locale.ROOT,
                "bench http: %d cores, max heap %d MB, %s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                embeddings.modelName());

        List<Round> done = rounds == 0 ? List.of() : search(wrk);
        Chat chat = chatSize == 0 ? null : chat(wrk);
        HttpBenchReport report = new HttpBenchReport(
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                embeddings.modelName(),
                size,
                k,
                Math.max(indexConfig.candidates(), k),
                done,
                chat,
                "wrk runs in its own process, one connection for the floor and search, --chat-clients for chat;"
                        + " each body is a distinct question or message, so no vector comes from the cache."
                        + " In-process: MemorySearchService.search on this thread; embedding: the question's"
                        + " vector computed alone; Lucene: the engine's BM25 and kNN queries alone with it.");
        print(report);
        json.write(mapper, report);
        return 0;
    }

    /** The rounds of search: floor, HTTP and in-process, side by side. */
    private List<Round> search(Wrk wrk) throws Exception {
        Owner searched = Owner.of("http-search");
        load(searched, size, seed + 1);
        SyntheticMemories questions = new SyntheticMemories(seed ^ 0x5eed);
        int[] serial = {0};
        Supplier<String> fresh = () -> questions.question() + " #" + serial[0]++;
        String searchPath = "v1/users/" + searched.userId() + "/memories/search";

        System.err.printf(Locale.ROOT, "  warming up for %d s%n", warmupSeconds);
        if (warmupSeconds > 0) {
            wrk.post("warm-up", searchPath, searchBodies(fresh, 1, warmupSeconds), 1, warmupSeconds);
            inProcess(searched, fresh, warmupSeconds, false);
        }
        List<Round> done = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            System.err.printf(Locale.ROOT, "  round %d of %d%n", r, rounds);
            Wrk.Run floor = wrk.get("GET /q/health/live", "q/health/live", false, 1, seconds);
            Wrk.Run withKey = wrk.get("GET /v1/models", "v1/models", true, 1, seconds);
            List<String> bodies = searchBodies(fresh, 1, seconds);
            ServerTimers before = serverTimers();
            Wrk.Run http = wrk.post("search", searchPath, bodies, 1, seconds);
            ServerTimers after = serverTimers();
            InProcess in = inProcess(searched, fresh, seconds, true);
            done.add(new Round(
                    floor,
                    withKey,
                    http,
                    new ServerSide(
                            JsonReport.round2(http.mean()),
                            JsonReport.round2(after.httpMeanSince(before)),
                            JsonReport.round2(after.searchMeanSince(before))),
                    in,
                    JsonReport.round2(http.p50() - in.search().p50()),
                    JsonReport.round2(http.p99() - in.search().p99()),
                    JsonReport.round2(
                            in.search().p50() / in.embeddingPlusLucene().p50())));
        }
        return done;
    }

    private void load(Owner owner, int count, long corpusSeed) throws Exception {
        System.err.printf(Locale.ROOT, "  %s: %,d memories%n", owner.userId(), count);
        try (BulkLoader loader = new BulkLoader(memories, 1)) {
            loader.ingest(
                    owner, new SyntheticMemories(corpusSeed), new ComposedVectors(embeddings, seed), count, "    ");
            loader.await();
        }
        probe.awaitMerges();
    }

    /** Counts and total milliseconds of the HTTP server's search timer and of the search service's, at a moment. */
    private record ServerTimers(double httpCount, double httpMs, double searchCount, double searchMs) {

        /** The mean milliseconds of the HTTP server's search requests since then. */
        double httpMeanSince(ServerTimers then) {
            return httpCount == then.httpCount ? 0 : (httpMs - then.httpMs) / (httpCount - then.httpCount);
        }

        /** The mean milliseconds of the service's searches since then. */
        double searchMeanSince(ServerTimers then) {
            return searchCount == then.searchCount ? 0 : (searchMs - then.searchMs) / (searchCount - then.searchCount);
        }
    }

    /** Requests to that path (a pattern of quarkus.micrometer.binder.http-server) the server has answered. */
    private double served(String uri) {
        double count = 0;
        for (Timer timer : metrics.find("http.server.requests").tag("uri", uri).timers()) {
            count += timer.count();
        }
        return count;
    }

    private ServerTimers serverTimers() {
        double count = 0;
        double ms = 0;
        for (Timer timer : metrics.find("http.server.requests").timers()) {
            String uri = timer.getId().getTag("uri");
            if (uri != null && uri.endsWith("/memories/search")) {
                count += timer.count();
                ms += timer.totalTime(TimeUnit.MILLISECONDS);
            }
        }
        Timer searches = metrics.find("moat.memory.searches").timer();
        return searches == null
                ? new ServerTimers(count, ms, 0, 0)
                : new ServerTimers(count, ms, searches.count(), searches.totalTime(TimeUnit.MILLISECONDS));
    }

    /** Enough distinct search bodies for that many connections over that many seconds. */
    private List<String> searchBodies(Supplier<String> fresh, int connections, int secs) throws Exception {
        int n = 2 * MAX_RATE_PER_CONNECTION * connections * secs;
        List<String> bodies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            bodies.add(mapper.writeValueAsString(Map.of("query", fresh.get(), "k", k)));
        }
        return bodies;
    }

    /**
     * For secs seconds, fresh questions searched in-process, then (unless a warm-up) the same questions again: the
     * vector alone, and Lucene alone with it.
     */
    private InProcess inProcess(Owner owner, Supplier<String> fresh, int secs, boolean parts) {
        List<String> asked = new ArrayList<>();
        List<Long> took = new ArrayList<>();
        long until = System.nanoTime() + secs * 1_000_000_000L;
        while (System.nanoTime() < until) {
            String q = fresh.get();
            long t = System.nanoTime();
            search.search(owner, new SearchRequest(q, k));
            took.add(System.nanoTime() - t);
            asked.add(q);
        }
        int n = parts ? asked.size() : 0;
        long[] embedding = new long[n];
        long[] lucene = new long[n];
        long[] both = new long[n];
        for (int i = 0; i < n; i++) {
            String q = asked.get(i);
            long t = System.nanoTime();
            float[] vector = embeddings.embedUncached(List.of(q), true).get(0); // computed, as the search did
            embedding[i] = System.nanoTime() - t;
            t = System.nanoTime();
            probe.searchEngineOnly(new IndexQuery(owner, q, vector, k, null, null, null), true);
            lucene[i] = System.nanoTime() - t;
            both[i] = embedding[i] + lucene[i];
        }
        return new InProcess(
                asked.size(),
                Percentiles.ofNanos(took.stream().mapToLong(Long::longValue).toArray()),
                Percentiles.ofNanos(embedding),
                Percentiles.ofNanos(lucene),
                Percentiles.ofNanos(both));
    }

    /**
     * Chats to a user with chatSize memories from chatClients connections, then the model work of those chats alone
     * on the same messages from as many threads: the ceiling.
     */
    private Chat chat(Wrk wrk) throws Exception {
        Owner owner = Owner.of("http-chat");
        load(owner, chatSize, seed + 2);
        SyntheticMemories corpus = new SyntheticMemories(seed + 7);
        int[] serial = {0};
        Supplier<String> message = () -> corpus.question() + " (" + serial[0]++ + ")";
        int n = MAX_RATE_PER_CONNECTION / 10 * chatClients * Math.max(seconds, warmupSeconds);
        System.err.printf(Locale.ROOT, "  chat: warming up for %d s%n", warmupSeconds);
        // One untimed chat per connection even without a warm-up: a fresh process's first chats take most of a
        // second (classes loaded, code not yet compiled), which a short run would count as its whole figure.
        LocalApi api = new LocalApi(mapper, key.bearer());
        List<String> primers = messages(message, chatClients);
        Concurrently.run(chatClients, chatClients, i -> api.post("chat", chatBody(owner, primers.get(i))));
        // The server counts a request once it has written the answer, after the client has read it: wait for that.
        awaitNoRequestInFlight();
        if (warmupSeconds > 0) {
            wrk.post("chat warm-up", "v1/chat", chatBodies(owner, messages(message, n)), chatClients, warmupSeconds);
        }
        List<String> sent = messages(message, n);
        double texts0 = embeddings.textsEmbedded();
        double served0 = served("/v1/chat");
        Wrk.Run chats = wrk.post("chat", "v1/chat", chatBodies(owner, sent), chatClients, seconds);
        // per chat the server answered: wrk counts only the answers that came before it stopped, the server (and the
        // count of texts embedded) also those it finished after
        double perChat = (embeddings.textsEmbedded() - texts0) / (served("/v1/chat") - served0);

        // The ceiling: each chat's messages embedded as a chat embeds them, nothing else, from as many threads.
        List<String> same = sent.subList(0, (int) Math.min(sent.size(), chats.requests()));
        long t0 = System.nanoTime();
        Concurrently.run(chatClients, same.size(), i -> {
            String m = same.get(i);
            // a chat's vectors of its message: the query it searches with (an asymmetric model's own), the passage
            // it keeps
            if (!embeddings.symmetric()) {
                embeddings.embedUncached(List.of(m), true);
            }
            embeddings.embedUncached(List.of(EmbeddingService.passage(m, null)), false);
        });
        double alone = same.size() / ((System.nanoTime() - t0) / 1e9);
        return new Chat(
                chatSize,
                chats,
                JsonReport.round2(perChat),
                JsonReport.round2(alone),
                JsonReport.round2(chats.perSecond() / alone),
                JsonReport.round2(chats.p99() / chats.p50()));
    }

    private static List<String> messages(Supplier<String> message, int n) {
        List<String> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            messages.add(message.get());
        }
        return messages;
    }

    private List<String> chatBodies(Owner owner, List<String> messages) throws Exception {
        List<String> bodies = new ArrayList<>(messages.size());
        for (String m : messages) {
            bodies.add(mapper.writeValueAsString(chatBody(owner, m)));
        }
        return bodies;
    }

    private static Map<String, String> chatBody(Owner owner, String message) {
        return Map.of("userId", owner.userId(), "message", message, "provider", "offline");
    }

    /**
     * Waits, up to a minute, until the HTTP server has no request in flight (its http.server.active.requests) and
     * the texts embedded have stayed still for 300 ms, so that what wrk left unanswered at the end of a run neither
     * shares the machine with the next measurement nor is counted in it. The gauge alone is not enough: a request
     * whose connection wrk closed leaves it at once, while its work goes on on a worker thread.
     */
    private void awaitNoRequestInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        long texts = -1;
        int still = 0;
        while (System.nanoTime() < deadline) {
            double active = 0;
            for (Gauge g : metrics.find("http.server.active.requests").gauges()) {
                active += g.value();
            }
            long now = embeddings.textsEmbedded();
            still = active == 0 && now == texts ? still + 1 : 0;
            if (still == 3) {
                return;
            }
            texts = now;
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new CommandException("the server was still at work a minute after wrk stopped", 1);
    }

    private static void print(HttpBenchReport r) {
        System.out.printf(
                Locale.ROOT,
                "%n## Search over HTTP (wrk, 1 connection), one user with %,d memories, k=%d, %s%n%n",
                r.memories(),
                r.k(),
                r.embeddingModel());
        System.out.println(
                "| round | floor p50 / p99 | /v1/models p50 / p99 | HTTP search p50 / p99 (req/s) | in-process"
                        + " p50 / p99 | embedding + Lucene p50 (embedding, Lucene) | HTTP - in-process p50 / p99 |"
                        + " in-process / (embedding + Lucene) | means: wrk / HTTP server / search |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        int i = 1;
        for (Round x : r.rounds()) {
            InProcess in = x.inProcess();
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f (%.0f) | %.2f / %.2f | %.2f (%.2f, %.2f) | %.2f /"
                            + " %.2f | %.2f | %.2f / %.2f / %.2f |%n",
                    i++,
                    x.floor().p50(),
                    x.floor().p99(),
                    x.withKey().p50(),
                    x.withKey().p99(),
                    x.httpSearch().p50(),
                    x.httpSearch().p99(),
                    x.httpSearch().perSecond(),
                    in.search().p50(),
                    in.search().p99(),
                    in.embeddingPlusLucene().p50(),
                    in.embedding().p50(),
                    in.lucene().p50(),
                    x.httpP50OverInProcessMs(),
                    x.httpP99OverInProcessMs(),
                    x.inProcessOverEmbeddingPlusLucene(),
                    x.serverSide().wrkMean(),
                    x.serverSide().httpServerMean(),
                    x.serverSide().searchMean());
        }
        if (r.chat() != null) {
            Chat c = r.chat();
            System.out.printf(
                    Locale.ROOT,
                    "%n## Chat via the offline provider (wrk, %d connections), user with %,d memories%n%n"
                            + "%.1f chats/s, p50 %.1f ms, p99 %.1f ms (p99/p50 %.2f); %.2f texts embedded per chat;"
                            + " the model alone on the same messages: %.1f/s; chat at %.0f %% of it%n",
                    c.chats().connections(),
                    c.userMemories(),
                    c.chats().perSecond(),
                    c.chats().p50(),
                    c.chats().p99(),
                    c.p99OverP50(),
                    c.embeddingsPerChat(),
                    c.modelAlonePerSecond(),
                    100 * c.throughputOfCeiling());
        }
    }
}
