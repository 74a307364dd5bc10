package dev.moat.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.moat.context.ContextBuilder;
import dev.moat.embed.EmbeddingService;
import dev.moat.index.IndexBenchmarkProbe;
import dev.moat.index.IndexQuery;
import dev.moat.memory.MemorySearchService;
import dev.moat.memory.SearchRequest;
import dev.moat.user.Owner;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The timings of {@code bench perf}'s searches at one step, every way side by side: over HTTP, in-process, in-process
 * with the vector cached, the engine alone (Lucene's queries; on OpenSearch its two searches, with the cluster's own
 * {@code took} beside them), and LangChain4j's InMemoryEmbeddingStore as the peer.
 */
final class SearchTimings {

    private final MemorySearchService search;
    private final ContextBuilder contexts;
    private final EmbeddingService embeddings;
    private final IndexBenchmarkProbe probe;
    private final LocalApi api;
    private final int queries;
    private final int warmup;
    private final int k;
    private final int candidates;
    private final int peerQueries;
    private final long seed;

    /** Candidates: what each retriever is asked for (moat.index.candidates, at least k), the peer as many. */
    SearchTimings(
            MemorySearchService search,
            ContextBuilder contexts,
            EmbeddingService embeddings,
            IndexBenchmarkProbe probe,
            LocalApi api,
            int queries,
            int warmup,
            int k,
            int candidates,
            int peerQueries,
            long seed) {
        this.search = search;
        this.contexts = contexts;
        this.embeddings = embeddings;
        this.probe = probe;
        this.api = api;
        this.queries = queries;
        this.warmup = warmup;
        this.k = k;
        this.candidates = candidates;
        this.peerQueries = peerQueries;
        this.seed = seed;
    }

    /** The timings of one step's searches, and the query vectors the peer reuses. */
    record Timings(
            Percentiles http,
            Percentiles httpFloor,
            Percentiles inProcess,
            Percentiles inProcessCached,
            Percentiles context,
            Percentiles lucene,
            Percentiles luceneKnn,
            Percentiles engineTook,
            List<float[]> vectors) {}

    /**
     * Distinct questions, each to a user drawn from owners: over HTTP (query embedded), in-process through
     * MemorySearchService (query embedded: fresh questions), in-process again with each question's vector already
     * cached, the context block for it (vector cached: a search of the most candidates, cut to the default budget),
     * then Lucene alone with the same texts and vectors.
     */
    Timings searchEveryWay(List<Owner> owners, Random pick) throws Exception {
        SyntheticMemories questions = new SyntheticMemories(seed ^ 0x5eed);
        int[] serial = {0};
        Supplier<String> fresh = () -> questions.question() + " #" + serial[0]++;

        System.err.println("  HTTP");
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
        long[] context = new long[queries];
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
            t = System.nanoTime();
            contexts.build(owner, new ContextBuilder.Request(query, null));
            context[i] = System.nanoTime() - t;
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
            probe.searchEngineOnly(luceneQueries.get(i % queries), true);
            probe.searchEngineOnly(luceneQueries.get(i % queries), false);
        }
        long[] lucene = new long[queries];
        long[] knn = new long[queries];
        long[] took = new long[queries];
        boolean engineReports = true;
        for (int i = 0; i < queries; i++) {
            long t = System.nanoTime();
            IndexBenchmarkProbe.EngineRun run = probe.searchEngineOnly(luceneQueries.get(i), true);
            lucene[i] = System.nanoTime() - t;
            took[i] = run.tookMillis() * 1_000_000;
            engineReports &= run.tookMillis() >= 0;
            t = System.nanoTime();
            probe.searchEngineOnly(luceneQueries.get(i), false);
            knn[i] = System.nanoTime() - t;
        }
        return new Timings(
                Percentiles.ofNanos(httpNanos),
                Percentiles.ofNanos(floorNanos),
                Percentiles.ofNanos(inProcess),
                Percentiles.ofNanos(cached),
                Percentiles.ofNanos(context),
                Percentiles.ofNanos(lucene),
                Percentiles.ofNanos(knn),
                engineReports ? Percentiles.ofNanos(took) : null,
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

    /**
     * The peer: LangChain4j's InMemoryEmbeddingStore holding the same user's vectors (made again from the same
     * seeds), asked for as many candidates as the service's kNN with the same query vectors.
     */
    Percentiles peer(int size, List<float[]> queryVectors) {
        System.err.println("  InMemoryEmbeddingStore");
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        SyntheticMemories same = new SyntheticMemories(seed + size);
        ComposedVectors sameVectors = new ComposedVectors(embeddings, seed);
        List<Embedding> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(Embedding.from(sameVectors.of(same.sentence().parts())));
        }
        store.addAll(all);
        int n = candidates;
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
}
