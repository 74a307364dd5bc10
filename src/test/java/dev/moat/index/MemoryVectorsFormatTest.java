package dev.moat.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index's vector format: Lucene's scores with SIMD arithmetic, Lucene's files, and Lucene's old segments. */
class MemoryVectorsFormatTest {

    private static final String FIELD = "vector";
    private final Random random = new Random(7);

    @TempDir
    Path folder;

    @Test
    void comparesVectorsAsLuceneDoesWithSimd() throws IOException {
        assertThat(VectorMath.simd())
                .as("the build runs tests with --add-modules jdk.incubator.vector (pom.xml, surefire argLine)")
                .isTrue();
        // Lengths below, at and across the vector width, and the model's 384: the tail loops are checked too.
        for (int dimension : new int[] {1, 7, 16, 33, 64, 100, 384, 385}) {
            List<float[]> vectors =
                    IntStream.range(0, 50).mapToObj(i -> unit(dimension)).toList();
            float[] target = unit(dimension);
            RandomVectorScorer scorer = VectorMath.SCORER.getRandomVectorScorer(
                    VectorSimilarityFunction.DOT_PRODUCT,
                    RandomAccessVectorValues.fromFloats(vectors, dimension),
                    target);
            for (int i = 0; i < vectors.size(); i++) {
                assertThat(scorer.score(i))
                        .as("dimension %d, vector %d", dimension, i)
                        .isCloseTo(VectorSimilarityFunction.DOT_PRODUCT.compare(target, vectors.get(i)), within(1e-6f));
            }
        }
    }

    @Test
    void findsTheNearestVectorsAcrossMergedSegmentsAsLucenesOwnFormatDoes() throws IOException {
        // Clustered, as sentence embeddings are (uniformly random 384-d vectors are all nearly equidistant).
        List<float[]> centres = IntStream.range(0, 40).mapToObj(i -> unit(384)).toList();
        List<float[]> vectors = IntStream.range(0, 3000)
                .mapToObj(i -> near(centres.get(random.nextInt(centres.size())), 0.6))
                .toList();
        List<float[]> queries = IntStream.range(0, 40)
                .mapToObj(i -> near(vectors.get(random.nextInt(vectors.size())), 0.3))
                .toList();

        // Small flushes and two merge workers: graphs are built at flush and again by parallel merges.
        double ours = recallAt10(MemoryCodec.of(16, 100, 2), vectors, queries, "ours");
        double lucenes = recallAt10(null, vectors, queries, "lucene");

        assertThat(ours).isGreaterThan(0.9);
        assertThat(ours).isCloseTo(lucenes, within(0.03));
    }

    /** Recall@10 against exact search of an index of the vectors, written with codec (null: Lucene's default). */
    private double recallAt10(Codec codec, List<float[]> vectors, List<float[]> queries, String name)
            throws IOException {
        IndexWriterConfig config = new IndexWriterConfig().setMaxBufferedDocs(300);
        if (codec != null) {
            config.setCodec(codec);
        }
        try (Directory dir = FSDirectory.open(folder.resolve(name))) {
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                for (int i = 0; i < vectors.size(); i++) {
                    writer.addDocument(doc(i, vectors.get(i)));
                }
                writer.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertThat(reader.leaves()).as("several segments").hasSizeGreaterThan(1);
                assertThat(formats(reader))
                        .containsOnly(codec == null ? "Lucene99HnswVectorsFormat" : MemoryVectorsFormat.NAME);
                IndexSearcher searcher = new IndexSearcher(reader);
                int found = 0;
                for (float[] query : queries) {
                    Set<Integer> exact = exactNearest(vectors, query, 10);
                    for (ScoreDoc hit : searcher.search(new KnnFloatVectorQuery(FIELD, query, 10), 10).scoreDocs) {
                        int id = id(searcher, hit.doc);
                        found += exact.contains(id) ? 1 : 0;
                        assertThat(hit.score)
                                .isCloseTo(
                                        VectorSimilarityFunction.DOT_PRODUCT.compare(query, vectors.get(id)),
                                        within(1e-6f));
                    }
                }
                return found / (double) (queries.size() * 10);
            }
        }
    }

    @Test
    void readsSegmentsOfLucenesOwnFormatAndRewritesThemWhenMerged() throws IOException {
        List<float[]> vectors = IntStream.range(0, 400).mapToObj(i -> unit(384)).toList();
        try (Directory dir = FSDirectory.open(folder)) {
            // An index written before this format existed: Lucene's default codec.
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig())) {
                for (int i = 0; i < 200; i++) {
                    writer.addDocument(doc(i, vectors.get(i)));
                }
            }
            IndexWriterConfig config = new IndexWriterConfig().setCodec(MemoryCodec.of(16, 100, 1));
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                for (int i = 200; i < 400; i++) {
                    writer.addDocument(doc(i, vectors.get(i)));
                }
                writer.commit();
                try (DirectoryReader reader = DirectoryReader.open(writer)) {
                    assertThat(formats(reader)).containsExactlyInAnyOrder("Lucene99HnswVectorsFormat", "MoatHnsw99");
                    assertEveryVectorFindsItself(reader, vectors);
                }
                writer.forceMerge(1);
                writer.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertThat(formats(reader)).containsExactly(MemoryVectorsFormat.NAME);
                assertEveryVectorFindsItself(reader, vectors);
            }
        }
    }

    private void assertEveryVectorFindsItself(DirectoryReader reader, List<float[]> vectors) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        for (int i = 0; i < vectors.size(); i += 7) {
            ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery(FIELD, vectors.get(i), 1), 1).scoreDocs;
            assertThat(id(searcher, hits[0].doc)).as("nearest to vector %d", i).isEqualTo(i);
        }
    }

    private static Set<String> formats(DirectoryReader reader) {
        Set<String> names = new HashSet<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            names.add(leaf.reader()
                    .getFieldInfos()
                    .fieldInfo(FIELD)
                    .getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY));
        }
        return names;
    }

    private static Set<Integer> exactNearest(List<float[]> vectors, float[] query, int k) {
        List<Integer> ids =
                new ArrayList<>(IntStream.range(0, vectors.size()).boxed().toList());
        ids.sort(Comparator.comparingDouble(i -> -VectorSimilarityFunction.DOT_PRODUCT.compare(query, vectors.get(i))));
        return new HashSet<>(ids.subList(0, k));
    }

    private static Document doc(int id, float[] vector) {
        Document doc = new Document();
        doc.add(new StringField("id", Integer.toString(id), Field.Store.NO));
        doc.add(new StoredField("n", id));
        doc.add(new KnnFloatVectorField(FIELD, vector, VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    private static int id(IndexSearcher searcher, int doc) throws IOException {
        return searcher.storedFields()
                .document(doc)
                .getField("n")
                .numericValue()
                .intValue();
    }

    /** A unit vector at about the given distance from the centre. */
    private float[] near(float[] centre, double spread) {
        float[] noise = unit(centre.length);
        float[] v = new float[centre.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = centre[i] + (float) spread * noise[i];
        }
        return normalize(v);
    }

    private float[] unit(int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return normalize(v);
    }

    private static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
