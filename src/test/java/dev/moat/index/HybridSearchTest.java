package dev.moat.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moat.support.SuppressForbidden;
import dev.moat.user.Owner;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BM25 on the search pool while the question's vector is computed: the same hits, and no search left running. */
class HybridSearchTest {

    private static final Owner ADA = new Owner("default", "ada");
    private static final String[] WORDS = {"hiking", "alps", "dog", "sister", "paris", "guitar", "coffee", "garden"};

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final HybridSearch hybrid = new HybridSearch(DefaultIndexConfig.of());
    private final Random random = new Random(3);
    private DirectoryReader reader;

    @BeforeEach
    void index() throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer()).setMaxBufferedDocs(40);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < 200; i++) {
                String text = "I " + WORDS[i % WORDS.length] + " with " + WORDS[(i * 3 + 1) % WORDS.length] + " " + i;
                writer.addDocument(MemoryDocuments.toDocument(new IndexedMemory(
                        "m" + i, ADA, text, null, "", "message", Instant.EPOCH.plusSeconds(i), i + 1, 1, unit())));
            }
        }
        reader = DirectoryReader.open(directory);
    }

    @AfterEach
    void close() throws IOException {
        pool.shutdownNow();
        reader.close();
    }

    @Test
    void ranksAsASearchInSequenceDoes() throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        for (int q = 0; q < 20; q++) {
            float[] vector = unit();
            IndexQuery query = new IndexQuery(ADA, "hiking in the alps with my dog", vector, 10, null, null, null);
            List<IndexHit> together = hybrid.search(searcher, query, pool);
            assertThat(together).hasSize(10);
            assertThat(together).isEqualTo(hybrid.search(searcher, query));
        }
    }

    @Test
    void aFailingEmbeddingFailsTheSearchOnlyOnceItsBm25HasStopped() {
        AtomicInteger inFlight = new AtomicInteger();
        CountDownLatch bm25Started = new CountDownLatch(1);
        IndexSearcher searcher = new IndexSearcher(reader) {
            @Override
            @SuppressForbidden("a BM25 search still running when the embedding fails is the case under test")
            public TopDocs search(Query query, int n) throws IOException {
                inFlight.incrementAndGet();
                bm25Started.countDown();
                try {
                    Thread.sleep(100); // still searching when the embedding fails
                    return super.search(query, n);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        };
        IndexQuery query = new IndexQuery(
                ADA,
                "garden coffee",
                () -> {
                    await(bm25Started);
                    throw new IllegalStateException("the model is down");
                },
                10,
                null,
                null,
                null);

        assertThatThrownBy(() -> hybrid.search(searcher, query, pool))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the model is down");
        // The searcher is released when search returns: its BM25 half must have finished with it.
        assertThat(inFlight).hasValue(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private float[] unit() {
        float[] v = new float[384];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
