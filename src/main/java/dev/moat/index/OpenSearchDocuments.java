package dev.moat.index;

import dev.moat.user.Owner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * A memory as an OpenSearch document, the index's mapping, and the queries over it: the same fields and the same
 * filter as the embedded index (MemoryDocuments), so both rank alike.
 */
final class OpenSearchDocuments {

    static final String ID = "id";
    static final String OWNER = "owner";
    static final String KIND = "kind";
    static final String OCCURRED = "occurred";
    static final String VERSION = "version";
    static final String VECTOR = "vector";

    private OpenSearchDocuments() {}

    /**
     * Settings and mapping of a new index: BM25 over the english analyzer (the embedded index's EnglishAnalyzer), and
     * an HNSW graph of the vectors in Lucene's own engine, compared by inner product (vectors arrive unit length).
     */
    static String createBody(OpenSearchConfig config, IndexConfig index, int dimension) {
        return String.format(
                Locale.ROOT,
                """
                {
                  "settings": {
                    "index": {
                      "number_of_shards": %d,
                      "number_of_replicas": %d,
                      "refresh_interval": "%dms",
                      "knn": true
                    }
                  },
                  "mappings": {
                    "dynamic": "strict",
                    "properties": {
                      "id": {"type": "keyword"},
                      "owner": {"type": "keyword"},
                      "kind": {"type": "keyword"},
                      "occurred": {"type": "long"},
                      "version": {"type": "long"},
                      "text": {"type": "text", "analyzer": "english"},
                      "context": {"type": "text", "analyzer": "english"},
                      "when": {"type": "text", "analyzer": "english"},
                      "speaker": {"type": "keyword"},
                      "vector": {
                        "type": "knn_vector",
                        "dimension": %d,
                        "method": {
                          "name": "hnsw",
                          "engine": "lucene",
                          "space_type": "innerproduct",
                          "parameters": {"m": %d, "ef_construction": %d}
                        }
                      }
                    }
                  }
                }
                """,
                config.shards(),
                config.replicas(),
                config.refreshInterval().toMillis(),
                dimension,
                index.hnswM(),
                index.hnswBeamWidth());
    }

    /** The owner's routing key and filter term: tenant and user, joined by a separator neither can hold. */
    static String ownerKey(Owner owner) {
        return owner.tenantId() + '\u001f' + owner.userId();
    }

    static Map<String, Object> toDocument(IndexedMemory m) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(ID, m.id());
        doc.put(OWNER, ownerKey(m.owner()));
        doc.put(KIND, m.kind());
        doc.put(OCCURRED, m.occurredAt().toEpochMilli());
        doc.put(VERSION, m.version());
        doc.put(MemoryDocuments.TEXT, m.text());
        String speaker = Speakers.of(m.text());
        if (!speaker.equals(Speakers.USER)) {
            doc.put(MemoryDocuments.SPEAKER, speaker);
        }
        if (m.context() != null) {
            doc.put(MemoryDocuments.CONTEXT, m.context());
        }
        if (!m.when().isEmpty()) {
            doc.put(MemoryDocuments.WHEN, m.when());
        }
        if (m.vector() != null) {
            doc.put(VECTOR, m.vector());
        }
        return doc;
    }

    /** Owner, and kinds and time range when the query names them: applied to both retrievers. */
    static Query filter(IndexQuery q) {
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(f -> f.term(t -> t.field(OWNER).value(FieldValue.of(ownerKey(q.owner()))))));
        if (!q.kinds().isEmpty()) {
            List<FieldValue> kinds = q.kinds().stream().map(FieldValue::of).toList();
            filters.add(Query.of(f -> f.terms(t -> t.field(KIND).terms(v -> v.value(kinds)))));
        }
        if (q.from() != null || q.to() != null) {
            long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
            long to = q.to() == null ? Long.MAX_VALUE : q.to().toEpochMilli();
            filters.add(Query.of(
                    f -> f.range(r -> r.field(OCCURRED).gte(JsonData.of(from)).lte(JsonData.of(to)))));
        }
        return Query.of(b -> b.bool(f -> f.filter(filters)));
    }

    /**
     * BM25: each analyzed term in every weighted field, as the embedded index's TextQueries builds it (the terms are
     * analyzed here, by the same analyzer, so no query syntax reaches the cluster); null when no term is left.
     */
    static Query bm25(Set<String> terms, Map<String, Float> weights, Query filter) {
        if (terms.isEmpty()) {
            return null;
        }
        List<Query> should = new ArrayList<>();
        for (String term : terms) {
            for (Map.Entry<String, Float> field : weights.entrySet()) {
                if (field.getValue() > 0) {
                    should.add(Query.of(q -> q.term(t ->
                            t.field(field.getKey()).value(FieldValue.of(term)).boost(field.getValue()))));
                }
            }
        }
        return Query.of(
                q -> q.bool(b -> b.should(should).minimumShouldMatch("1").filter(filter)));
    }

    /** The query vector's nearest neighbours among the filter's documents (k-NN's filtered search). */
    static Query knn(float[] vector, int k, Query filter) {
        List<Float> values = new ArrayList<>(vector.length);
        for (float v : vector) {
            values.add(v);
        }
        return Query.of(q -> q.knn(n -> n.field(VECTOR).vector(values).k(k).filter(filter)));
    }
}
