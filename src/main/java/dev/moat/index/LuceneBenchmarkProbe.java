package dev.moat.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * What benchmarks measure the embedded index with, beside the service: Lucene's own queries alone on the live index,
 * and a wait for the merges a burst of writes started. Nothing in the service calls it.
 */
@ApplicationScoped
@Typed(LuceneBenchmarkProbe.class)
public class LuceneBenchmarkProbe implements IndexBenchmarkProbe {

    private final LuceneMemoryIndex index;
    private final IndexConfig config;

    public LuceneBenchmarkProbe(LuceneMemoryIndex index, IndexConfig config) {
        this.index = index;
        this.config = config;
    }

    @Override
    public EngineRun searchEngineOnly(IndexQuery q, boolean withText) {
        int hits = index.read("searching", searcher -> index.hybrid().luceneOnly(searcher, q, withText));
        return new EngineRun(hits, -1);
    }

    @Override
    public void awaitMerges() {
        try {
            IndexWriter writer = index.store().writer();
            writer.maybeMerge();
            if (writer.getConfig().getMergeScheduler() instanceof ConcurrentMergeScheduler merges) {
                merges.sync();
            }
        } catch (IOException e) {
            throw new IndexException("merging failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long bareIndex(List<IndexedMemory> memories, int batch) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("moat-bare-index-");
            long t0 = System.nanoTime();
            try (Directory dir = FSDirectory.open(folder);
                    IndexWriter writer = new IndexWriter(
                            dir,
                            LuceneStore.config(new EnglishAnalyzer(), IndexWriterConfig.OpenMode.CREATE, config))) {
                for (int from = 0; from < memories.size(); from += batch) {
                    List<Document> docs = new ArrayList<>(batch);
                    for (IndexedMemory m : memories.subList(from, Math.min(memories.size(), from + batch))) {
                        docs.add(MemoryDocuments.toDocument(m));
                    }
                    writer.addDocuments(docs);
                }
                writer.commit();
                writer.maybeMerge();
                if (writer.getConfig().getMergeScheduler() instanceof ConcurrentMergeScheduler merges) {
                    merges.sync();
                }
            }
            return System.nanoTime() - t0;
        } catch (IOException e) {
            throw new UncheckedIOException("the bare index failed: " + e.getMessage(), e);
        } finally {
            if (folder != null) {
                delete(folder);
            }
        }
    }

    private static void delete(Path folder) {
        try {
            LuceneStore.deleteContents(folder);
            Files.delete(folder);
        } catch (IOException e) {
            // a temporary folder left behind is no failure of the measurement
        }
    }
}
