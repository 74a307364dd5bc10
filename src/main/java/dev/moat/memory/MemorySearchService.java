package dev.moat.memory;

import dev.moat.embed.EmbeddingService;
import dev.moat.index.IndexConfig;
import dev.moat.index.IndexException;
import dev.moat.index.IndexHit;
import dev.moat.index.IndexQuery;
import dev.moat.index.MemoryIndex;
import dev.moat.memory.indexing.IndexRepairService;
import dev.moat.user.Owner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds a user's memories: the index ranks them, the database returns them, for that user only. */
@ApplicationScoped
public class MemorySearchService {

    private final MemoryRepository store;
    private final MemoryJson json;
    private final MemoryIndex index;
    private final EmbeddingService embeddings;
    private final MeterRegistry metrics;
    private final IndexRepairService repair;
    private final IndexConfig config;

    public MemorySearchService(
            MemoryRepository store,
            MemoryJson json,
            MemoryIndex index,
            EmbeddingService embeddings,
            MeterRegistry metrics,
            IndexRepairService repair,
            IndexConfig config) {
        this.store = store;
        this.json = json;
        this.index = index;
        this.embeddings = embeddings;
        this.metrics = metrics;
        this.repair = repair;
        this.config = config;
    }

    /** Preference slots of this search: none when it names its kinds (the caller chose what to see). */
    private int slots(SearchRequest request) {
        return request.kinds() == null && request.kOrDefault() >= PreferenceSlots.MIN_K ? config.preferenceSlots() : 0;
    }

    /** Candidates read per hit wanted: three when preferences may come from below k. */
    private int window(SearchRequest request) {
        return slots(request) > 0 ? 3 : 1;
    }

    /** The owner's memories that best answer the query; never another owner's, whatever the query says. */
    public SearchResult search(Owner owner, SearchRequest request) {
        if (request.from() != null && request.to() != null && request.from().isAfter(request.to())) {
            throw new InvalidMemoryException("from (" + request.from() + ") is after to (" + request.to() + ")");
        }
        long start = System.nanoTime();
        Timer.Sample sample = Timer.start(metrics);
        List<IndexHit> hits;
        try {
            // The index computes the question's vector while its BM25 search runs (HybridSearch).
            hits = index.search(new IndexQuery(
                    owner,
                    request.query(),
                    () -> embeddings.embedQuery(request.query()),
                    // superseded facts are left out after ranking, and preferences may come from below k: ask for
                    // more, so k remain in most cases
                    Math.min(
                            MemoryLimits.MAX_K,
                            (request.filtersSuperseded() ? 2 : 1) * request.kOrDefault() * window(request)),
                    request.kinds() == null
                            ? null
                            : request.kinds().stream().map(MemoryKind::id).collect(Collectors.toSet()),
                    request.from(),
                    request.until()));
        } catch (IndexException e) {
            repair.onIndexFailure();
            throw e;
        }
        // The database is the truth: a hit whose memory is gone (deleted a moment ago) is dropped, and only rows of
        // this owner are loaded, whatever the index returned.
        Map<String, MemoryView> rows = store
                .rows(owner, hits.stream().map(IndexHit::memoryId).toList())
                .stream()
                .map(r -> json.view(r, owner.userId()))
                .collect(Collectors.toMap(MemoryView::id, Function.identity()));
        List<SearchResult.MemoryHit> ranked = new ArrayList<>(hits.size());
        for (IndexHit hit : hits) {
            MemoryView m = rows.get(hit.memoryId());
            if (m != null && request.counts(m)) {
                ranked.add(new SearchResult.MemoryHit(
                        m, hit.score(), new SearchResult.Ranks(hit.bm25Rank(), hit.vectorRank())));
            }
        }
        List<SearchResult.MemoryHit> result = PreferenceSlots.place(ranked, request.kOrDefault(), slots(request));
        sample.stop(Timer.builder("moat.memory.searches")
                .description("Memory searches: embedding, both retrievers, fusion and reading the hits")
                .publishPercentileHistogram()
                .register(metrics));
        return new SearchResult(result, (System.nanoTime() - start) / 1_000_000);
    }
}
