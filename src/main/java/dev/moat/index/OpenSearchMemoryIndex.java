package dev.moat.index;

import dev.moat.user.Owner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.codecs.Codec;
import org.jboss.logging.Logger;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.generic.Requests;

/**
 * The index in an OpenSearch cluster, shared by every instance on one database (moat.index.backend=opensearch). A
 * user's memories are routed to one shard, every query is filtered to its owner, BM25 and k-NN are fused here by the
 * same reciprocal-rank fusion as the embedded index. Documents carry the memory's revision as their external version,
 * so changes that reach the cluster out of order (two instances, a retry from the outbox) leave the newest.
 */
public class OpenSearchMemoryIndex implements MemoryIndex, IndexBenchmarkProbe {

    private static final Logger LOG = Logger.getLogger(OpenSearchMemoryIndex.class);

    private final OpenSearchClient client;
    private final String name;
    private final OpenSearchRequests requests;
    private final boolean scratch;
    private final String createBody;
    private final HybridSearch hybrid;
    private final Codec scratchCodec;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong lastApplied = new AtomicLong();
    private volatile boolean created;
    private volatile boolean startedEmpty;

    /** dimension: of the embedding model's vectors, for the mapping of an index Moat creates. */
    public OpenSearchMemoryIndex(OpenSearchConfig config, IndexConfig index, int dimension) {
        this.client = OpenSearchClients.connect(config);
        this.name = config.index();
        this.requests = new OpenSearchRequests(client, name);
        this.scratch = config.scratch();
        this.createBody = OpenSearchDocuments.createBody(config, index, dimension);
        this.hybrid = new HybridSearch(index);
        this.scratchCodec = MemoryCodec.of(index, 1);
    }

    /** Creates the index when the cluster has none; true when it did (the first instance on an empty cluster). */
    private void ensureIndex() {
        if (created) {
            return;
        }
        synchronized (this) {
            if (created) {
                return;
            }
            call("creating the index", () -> {
                if (!client.indices().exists(e -> e.index(name)).value()) {
                    var response = client.generic()
                            .execute(Requests.builder()
                                    .method("PUT")
                                    .endpoint("/" + name)
                                    .json(createBody)
                                    .build());
                    String body = response.getBody().map(b -> b.bodyAsString()).orElse("");
                    if (response.getStatus() >= 300 && !body.contains("resource_already_exists_exception")) {
                        throw new IOException(
                                "creating index " + name + " answered " + response.getStatus() + ": " + body);
                    }
                    startedEmpty = true;
                    LOG.infof("Created the OpenSearch index %s", name);
                } else {
                    // An index created before memories had speakers: its strict mapping gains the field (adding a
                    // field is allowed on a live index; its older documents count as the user's words).
                    client.indices()
                            .putMapping(m -> m.index(name).properties(MemoryDocuments.SPEAKER, p -> p.keyword(k -> k)));
                }
                return null;
            });
            created = true;
        }
    }

    @Override
    public boolean startedEmpty() {
        ensureIndex();
        return startedEmpty;
    }

    /**
     * Every write waits until it is searchable (refresh=wait_for), whether its caller asked or not: the next request
     * of the same user may reach any instance, and only the cluster can tell them all the change is there.
     */
    @Override
    public void upsert(Collection<IndexedMemory> memories, boolean waitUntilSearchable) {
        if (memories.isEmpty()) {
            return;
        }
        ensureIndex();
        shared("indexing memories", () -> {
            requests.index(memories);
            return null;
        });
        memories.forEach(m -> lastApplied.accumulateAndGet(m.version(), Math::max));
    }

    @Override
    public void delete(Collection<String> memoryIds) {
        if (memoryIds.isEmpty()) {
            return;
        }
        ensureIndex();
        List<String> ids = List.copyOf(memoryIds);
        shared("deleting memories", () -> {
            requests.deleteWhere(Query.of(q -> q.ids(i -> i.values(ids))), null);
            return null;
        });
    }

    @Override
    public void deleteOwner(Owner owner) {
        ensureIndex();
        String key = OpenSearchDocuments.ownerKey(owner);
        Query owned =
                Query.of(q -> q.term(t -> t.field(OpenSearchDocuments.OWNER).value(FieldValue.of(key))));
        shared("forgetting a user", () -> {
            requests.deleteWhere(owned, key);
            return null;
        });
    }

    @Override
    public void deleteAll() {
        call("clearing the index", () -> {
            if (client.indices().exists(e -> e.index(name)).value()) {
                client.indices().delete(d -> d.index(name));
            }
            return null;
        });
        created = false;
        ensureIndex();
    }

    @Override
    public List<IndexHit> search(IndexQuery q) {
        Found found = find("searching", q, true);
        Map<String, String> speakers = new HashMap<>();
        if (found.bm25() != null) {
            speakers(found.bm25(), speakers);
        }
        speakers(found.vector(), speakers);
        return fuse(
                q.text(), found.bm25() == null ? List.of() : ids(found.bm25()), ids(found.vector()), speakers, q.k());
    }

    /** Each hit's speaker (the docvalue field), where it has one. */
    private static void speakers(SearchResponse<Void> response, Map<String, String> into) {
        for (Hit<Void> hit : response.hits().hits()) {
            JsonData value = hit.fields().get(MemoryDocuments.SPEAKER);
            if (value != null) {
                var values = value.toJson().asJsonArray();
                if (!values.isEmpty()) {
                    into.put(hit.id(), values.getString(0));
                }
            }
        }
    }

    /**
     * The cluster's queries a search runs (BM25 when withText, and k-NN), without fusion: the floor `bench perf`
     * compares the service with. The hits found, and the cluster's own {@code took} over both queries.
     */
    @Override
    public EngineRun searchEngineOnly(IndexQuery q, boolean withText) {
        Found found = find("searching", q, withText);
        SearchResponse<Void> bm25 = found.bm25();
        int hits = found.vector().hits().hits().size()
                + (bm25 == null ? 0 : bm25.hits().hits().size());
        return new EngineRun(hits, found.vector().took() + (bm25 == null ? 0 : bm25.took()));
    }

    /** The answers to a search's two queries, on the owner's shard; bm25 null when the text was not searched. */
    private record Found(SearchResponse<Void> bm25, SearchResponse<Void> vector) {}

    private Found find(String what, IndexQuery q, boolean withText) {
        ensureIndex();
        int n = hybrid.candidates(q.k());
        String routing = OpenSearchDocuments.ownerKey(q.owner());
        Query filter = OpenSearchDocuments.filter(q);
        Query text = withText ? OpenSearchDocuments.bm25(hybrid.terms(q.text()), hybrid.fieldWeights(), filter) : null;
        Query knn = OpenSearchDocuments.knn(q.vector().get(), n, filter);
        return shared(
                what,
                () -> new Found(text == null ? null : requests.find(text, n, routing), requests.find(knn, n, routing)));
    }

    /** Makes every change searchable and merges the index's segments down, so a benchmark times a settled index. */
    @Override
    public void awaitMerges() {
        ensureIndex();
        call("settling the index", () -> {
            requests.settle();
            return null;
        });
    }

    private static List<String> ids(SearchResponse<Void> response) {
        return response.hits().hits().stream().map(Hit::id).toList();
    }

    /** Moat's fusion over both candidate lists, as in the embedded index; documents numbered by first sight. */
    private List<IndexHit> fuse(
            String question, List<String> bm25, List<String> vector, Map<String, String> speakers, int k) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        bm25.forEach(id -> numbers.putIfAbsent(id, numbers.size()));
        vector.forEach(id -> numbers.putIfAbsent(id, numbers.size()));
        List<String> byNumber = new ArrayList<>(numbers.keySet());
        List<IndexHit> hits = new ArrayList<>();
        for (RankFusion.Fused f : hybrid.rank(
                question,
                bm25.stream().mapToInt(numbers::get).toArray(),
                vector.stream().mapToInt(numbers::get).toArray(),
                number -> speakers.getOrDefault(byNumber.get(number), Speakers.USER),
                k)) {
            hits.add(new IndexHit(byNumber.get(f.doc()), f.score(), f.bm25Rank(), f.vectorRank()));
        }
        return hits;
    }

    @Override
    public TransientIndex scratch(Collection<IndexedMemory> memories) {
        return new TransientIndex(memories, hybrid, scratchCodec);
    }

    /** A version of a memory's document, read back for the repair. */
    public record VersionDoc(String id, long version) {}

    @Override
    public Map<String, Long> versionsOf(Collection<String> memoryIds) {
        ensureIndex();
        return shared("reading versions", () -> requests.versionsOf(memoryIds));
    }

    @Override
    public List<String> idsAfter(String afterId, int limit) {
        ensureIndex();
        return shared("reading ids", () -> requests.idsAfter(afterId, limit));
    }

    @Override
    public IndexStatus status() {
        ensureIndex();
        long count =
                call("reading status", () -> client.count(c -> c.index(name)).count());
        return new IndexStatus(count, lastApplied.get(), 0, "opensearch");
    }

    /** Changes are durable in the cluster when acknowledged: nothing to write out. */
    @Override
    public void commit(long lastChange) {
        lastApplied.accumulateAndGet(lastChange, Math::max);
    }

    /** Holds off this instance's readers and writers; other instances go on (their writes are idempotent). */
    @Override
    public <T> T exclusive(Callable<T> work) {
        return ExclusiveWork.run(lock, work);
    }

    /** Closes the client (the application stopping), deleting the index first when it is a scratch one. */
    public void close() {
        try {
            if (scratch && created) {
                client.indices().delete(d -> d.index(name));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not delete the scratch index %s: %s", name, e.getMessage());
        }
        try {
            client._transport().close();
        } catch (IOException e) {
            LOG.debugf("Closing the OpenSearch client: %s", e.getMessage());
        }
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private <T> T shared(String what, Call<T> call) {
        lock.readLock().lock();
        try {
            return call(what, call);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The call, with every way the cluster can fail (down, refusing, timing out) as an IndexException. */
    private <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new IndexException(what + " in OpenSearch failed: " + e.getMessage(), e);
        } catch (OpenSearchException e) {
            throw new IndexException(what + " in OpenSearch failed: " + e.getMessage(), new IOException(e));
        }
    }
}
