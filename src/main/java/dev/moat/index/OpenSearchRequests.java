package dev.moat.index;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkRequest;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Options;

/**
 * The requests OpenSearchMemoryIndex makes on its one index: bulk writes, id-only searches, and the scans that page
 * through many documents (a user's forget, the repair's versions). Failures come out as the client throws them; the
 * index turns them into IndexExceptions.
 */
final class OpenSearchRequests {

    private static final int PAGE = 5_000;

    private final OpenSearchClient client;
    private final String name;

    OpenSearchRequests(OpenSearchClient client, String name) {
        this.client = client;
        this.name = name;
    }

    /**
     * Indexes the memories under their revision as external version, routed by owner, and waits until they are
     * searchable (refresh=wait_for).
     */
    void index(Collection<IndexedMemory> memories) throws IOException {
        BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.WaitFor);
        for (IndexedMemory m : memories) {
            bulk.operations(op -> op.index(i -> i.index(name)
                    .id(m.id())
                    .routing(OpenSearchDocuments.ownerKey(m.owner()))
                    .version(m.revision())
                    .versionType(VersionType.ExternalGte)
                    .document(OpenSearchDocuments.toDocument(m))));
        }
        check(client.bulk(bulk.build()));
    }

    /** The documents the query matches on the routing's shard, best first, without their sources. */
    SearchResponse<Void> find(Query query, int size, String routing) throws IOException {
        return client.search(
                s -> s.index(name)
                        .routing(routing)
                        .size(size)
                        .trackTotalHits(t -> t.enabled(false))
                        .source(src -> src.fetch(false))
                        .docvalueFields(f -> f.field(MemoryDocuments.SPEAKER))
                        .query(query),
                Void.class);
    }

    /**
     * Deletes every document the query matches, a page at a time: each found with its routing (null: any shard), then
     * removed by a bulk request that makes the removal visible at once (the next page cannot see the documents
     * again). A bulk delete needs no module beyond the core's (delete-by-query lives in the reindex module).
     */
    void deleteWhere(Query query, String routing) throws IOException {
        while (true) {
            SearchResponse<Void> page = client.search(
                    s -> {
                        s.index(name)
                                .size(PAGE)
                                .trackTotalHits(t -> t.enabled(false))
                                .source(src -> src.fetch(false))
                                .query(query);
                        return routing == null ? s : s.routing(routing);
                    },
                    Void.class);
            List<Hit<Void>> hits = page.hits().hits();
            if (hits.isEmpty()) {
                return;
            }
            BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
            for (Hit<Void> h : hits) {
                bulk.operations(op -> op.delete(d -> d.index(name).id(h.id()).routing(h.routing())));
            }
            check(client.bulk(bulk.build()));
            if (hits.size() < PAGE) {
                return;
            }
        }
    }

    /** The revision of each of these memories the index holds, PAGE ids a request. */
    Map<String, Long> versionsOf(Collection<String> memoryIds) throws IOException {
        Map<String, Long> versions = new HashMap<>();
        List<String> ids = List.copyOf(memoryIds);
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<String> some = ids.subList(from, Math.min(ids.size(), from + PAGE));
            SearchResponse<OpenSearchMemoryIndex.VersionDoc> found = client.search(
                    s -> s.index(name)
                            .size(some.size())
                            .trackTotalHits(t -> t.enabled(false))
                            .source(src ->
                                    src.filter(f -> f.includes(OpenSearchDocuments.ID, OpenSearchDocuments.VERSION)))
                            .query(q -> q.ids(i -> i.values(some))),
                    OpenSearchMemoryIndex.VersionDoc.class);
            for (Hit<OpenSearchMemoryIndex.VersionDoc> h : found.hits().hits()) {
                versions.put(h.id(), h.source().version());
            }
        }
        return versions;
    }

    /** Up to limit memory ids after afterId, in id order (a keyword sorts by its bytes). */
    List<String> idsAfter(String afterId, int limit) throws IOException {
        SearchResponse<Void> page = client.search(
                s -> {
                    s.index(name)
                            .size(limit)
                            .trackTotalHits(t -> t.enabled(false))
                            .source(src -> src.fetch(false))
                            .sort(o ->
                                    o.field(f -> f.field(OpenSearchDocuments.ID).order(SortOrder.Asc)));
                    return afterId.isEmpty() ? s : s.searchAfter(List.of(FieldValue.of(afterId)));
                },
                Void.class);
        return page.hits().hits().stream().map(Hit::id).toList();
    }

    /**
     * Makes every change searchable and merges the index down to one segment per shard. The merge of 100,000
     * documents outlasts the client's timeout, so this one request waits up to half an hour; only benchmarks ask.
     */
    void settle() throws IOException {
        client.indices().refresh(r -> r.index(name));
        RequestConfig patient =
                RequestConfig.custom().setResponseTimeout(Timeout.ofMinutes(30)).build();
        client.withTransportOptions(ApacheHttpClient5Options.DEFAULT.toBuilder()
                        .setRequestConfig(patient)
                        .build())
                .indices()
                .forcemerge(f -> f.index(name).maxNumSegments(1L));
    }

    /** A rejected item fails the write, except a newer revision already there: that one stays, as intended. */
    private static void check(BulkResponse response) throws IOException {
        if (!response.errors()) {
            return;
        }
        for (BulkResponseItem item : response.items()) {
            if (item.error() != null
                    && !"version_conflict_engine_exception".equals(item.error().type())) {
                throw new IOException("the cluster refused memory " + item.id() + ": "
                        + item.error().reason());
            }
        }
    }
}
