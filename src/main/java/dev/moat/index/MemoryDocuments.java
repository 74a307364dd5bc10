package dev.moat.index;

import dev.moat.user.Owner;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** The fields of a memory's Lucene document, and the filter that keeps every query inside one owner's memories. */
final class MemoryDocuments {

    static final String ID = "id";
    static final String TENANT = "tenant";
    static final String OWNER = "owner";
    static final String KIND = "kind";
    static final String OCCURRED = "occurred";
    static final String VERSION = "version";
    static final String TEXT = "text";
    static final String CONTEXT = "context";
    static final String WHEN = "when";
    static final String VECTOR = "vector";
    /** Who said the memory (Speakers.of its text), only when not the user. */
    static final String SPEAKER = "speaker";

    private MemoryDocuments() {}

    /** One term naming tenant and user; the unit separator cannot occur in either. */
    static Term ownerTerm(Owner owner) {
        return new Term(OWNER, owner.tenantId() + '\u001f' + owner.userId());
    }

    static Term idTerm(String memoryId) {
        return new Term(ID, memoryId);
    }

    static Document toDocument(IndexedMemory m) {
        Document doc = new Document();
        doc.add(new StringField(ID, m.id(), Field.Store.NO));
        doc.add(new SortedDocValuesField(ID, new BytesRef(m.id())));
        doc.add(new StringField(TENANT, m.owner().tenantId(), Field.Store.NO));
        doc.add(new StringField(OWNER, ownerTerm(m.owner()).text(), Field.Store.NO));
        doc.add(new StringField(KIND, m.kind(), Field.Store.NO));
        doc.add(new LongPoint(OCCURRED, m.occurredAt().toEpochMilli()));
        doc.add(new NumericDocValuesField(VERSION, m.version()));
        doc.add(new TextField(TEXT, m.text(), Field.Store.NO));
        String speaker = Speakers.of(m.text());
        if (!speaker.equals(Speakers.USER)) {
            doc.add(new SortedDocValuesField(SPEAKER, new BytesRef(speaker)));
        }
        if (m.context() != null) {
            doc.add(new TextField(CONTEXT, m.context(), Field.Store.NO));
        }
        if (!m.when().isEmpty()) {
            doc.add(new TextField(WHEN, m.when(), Field.Store.NO));
        }
        // Vectors arrive unit-length (EmbeddingService), so dot product equals cosine and is cheaper.
        if (m.vector() != null) {
            doc.add(new KnnFloatVectorField(VECTOR, m.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        }
        return doc;
    }

    /** Owner, and kinds and time range when the query names them: applied to both retrievers. */
    static Query filter(IndexQuery q) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder().add(new TermQuery(ownerTerm(q.owner())), Occur.FILTER);
        if (!q.kinds().isEmpty()) {
            List<BytesRef> kinds = q.kinds().stream().map(BytesRef::new).toList();
            filter.add(new TermInSetQuery(KIND, kinds), Occur.FILTER);
        }
        if (q.from() != null || q.to() != null) {
            long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
            long to = q.to() == null ? Long.MAX_VALUE : q.to().toEpochMilli();
            filter.add(LongPoint.newRangeQuery(OCCURRED, from, to), Occur.FILTER);
        }
        return filter.build();
    }
}
