package dev.moat.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A throwaway index in memory holding just the memories given, searched exactly as the live index is: what the
 * switching-cost meter uses to see what retrieval would find if only part of a history had been carried over.
 */
public final class TransientIndex implements AutoCloseable {

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final HybridSearch hybrid;

    /**
     * Documents go in this order whatever order they are given in: an HNSW graph depends on the order its vectors
     * arrive, and memory ids are random, so time then text (id last) makes the same memories rank the same way in
     * every scratch index, on every run and every instance.
     */
    private static final Comparator<IndexedMemory> INSERTION_ORDER = Comparator.comparing(IndexedMemory::occurredAt)
            .thenComparing(IndexedMemory::text)
            .thenComparing(IndexedMemory::id);

    /** codec: the live index's (MemoryCodec), so both build and compare their vector graphs alike. */
    TransientIndex(Collection<IndexedMemory> memories, HybridSearch hybrid, Codec codec) {
        this.hybrid = hybrid;
        IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer()).setCodec(codec);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (IndexedMemory m : memories.stream().sorted(INSERTION_ORDER).toList()) {
                writer.addDocument(MemoryDocuments.toDocument(m));
            }
            writer.commit();
            this.reader = DirectoryReader.open(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build an index in memory: " + e.getMessage(), e);
        }
        this.searcher = new IndexSearcher(reader);
    }

    public int size() {
        return reader.numDocs();
    }

    /** The best hits, best first, as the live index would rank them over these memories. */
    public List<IndexHit> search(IndexQuery query) {
        try {
            return hybrid.search(searcher, query);
        } catch (IOException e) {
            throw new UncheckedIOException("searching an index in memory failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (directory;
                reader) {
            // closed in reverse order
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
