package dev.moat.index;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * Lucene's codec with the memory vectors in MemoryVectorsFormat, configured by moat.index.hnsw-*: one for the live
 * index and the meter's scratch indexes, so both build and search their graphs alike.
 */
final class MemoryCodec {

    static {
        // Lucene reads a segment's vectors with the format its name was recorded under, found by Lucene's service
        // loader, which looks where Lucene was loaded from: in Quarkus's test and dev modes the libraries and the
        // application have separate class loaders, so MemoryVectorsFormat is registered from the application's.
        // A no-op in the packaged jar, where one class loader holds both.
        KnnVectorsFormat.reloadKnnVectorsFormat(MemoryCodec.class.getClassLoader());
    }

    private MemoryCodec() {}

    /** The codec for writing; mergeWorkers build merged graphs in parallel (a scratch index never merges). */
    static Codec of(IndexConfig settings, int mergeWorkers) {
        return of(settings.hnswM(), settings.hnswBeamWidth(), mergeWorkers);
    }

    static Codec of(int hnswM, int beamWidth, int mergeWorkers) {
        KnnVectorsFormat vectors = new MemoryVectorsFormat(
                hnswM, beamWidth, mergeWorkers, mergeWorkers > 1 ? IndexThreads.vectorMerges(mergeWorkers) : null);
        // The graph's parameters only shape how segments are written: any setting reads any index.
        return new Lucene912Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return vectors;
            }
        };
    }
}
