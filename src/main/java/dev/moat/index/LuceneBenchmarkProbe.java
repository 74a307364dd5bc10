package dev.moat.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriter;

/**
 * What benchmarks measure the embedded index with, beside the service: Lucene's own queries alone on the live index,
 * and a wait for the merges a burst of writes started. Nothing in the service calls it.
 */
@ApplicationScoped
@Typed(LuceneBenchmarkProbe.class)
public class LuceneBenchmarkProbe implements IndexBenchmarkProbe {

    private final LuceneMemoryIndex index;

    public LuceneBenchmarkProbe(LuceneMemoryIndex index) {
        this.index = index;
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
}
