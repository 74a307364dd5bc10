package dev.moat.index;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsWriter;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.search.TaskExecutor;

/**
 * Lucene's HNSW vector format (the files Lucene99HnswVectorsFormat writes, byte for byte) with VectorMath comparing
 * the vectors. It has a name of its own because Lucene picks a segment's reader by the format name recorded in it:
 * under Lucene's name, Lucene's scalar scorer would search every segment. Segments written by Lucene's format
 * before this one existed are still read by it, until a merge rewrites them. Registered for reading in
 * META-INF/services/org.apache.lucene.codecs.KnnVectorsFormat (Lucene instantiates it with the no-argument
 * constructor, whose graph settings only matter for writing).
 */
public final class MemoryVectorsFormat extends KnnVectorsFormat {

    static final String NAME = "MoatHnsw99";

    private final Lucene99FlatVectorsFormat flat = new Lucene99FlatVectorsFormat(VectorMath.SCORER);
    private final int maxConn;
    private final int beamWidth;
    private final int mergeWorkers;
    private final TaskExecutor mergeExecutor;

    /**
     * For reading (Lucene's service loader). Lucene keeps the first instance it loads for the process; in tests that
     * is the first Quarkus app's, whose class loader closes with it, so the classes it compares vectors with are
     * loaded now, while it can.
     */
    public MemoryVectorsFormat() {
        this(Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN, Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH, 1, null);
        VectorMath.loadAll();
    }

    /**
     * For writing: maxConn and beamWidth shape the graph (HNSW M and beam width); mergeWorkers above 1 build each
     * merged graph in that many tasks on mergePool.
     */
    MemoryVectorsFormat(int maxConn, int beamWidth, int mergeWorkers, ExecutorService mergePool) {
        super(NAME);
        if (maxConn <= 0 || maxConn > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) {
            throw new IllegalArgumentException(
                    "HNSW M must be 1 to " + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN + ", not " + maxConn);
        }
        if (beamWidth <= 0 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) {
            throw new IllegalArgumentException("HNSW beam width must be 1 to "
                    + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH + ", not " + beamWidth);
        }
        this.maxConn = maxConn;
        this.beamWidth = beamWidth;
        this.mergeWorkers = mergePool == null ? 1 : mergeWorkers;
        this.mergeExecutor = mergePool == null || mergeWorkers <= 1 ? null : new TaskExecutor(mergePool);
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return new Lucene99HnswVectorsWriter(
                state, maxConn, beamWidth, flat.fieldsWriter(state), mergeWorkers, mergeExecutor);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return new Lucene99HnswVectorsReader(state, flat.fieldsReader(state));
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return 1024;
    }

    @Override
    public String toString() {
        return NAME + "(maxConn=" + maxConn + ", beamWidth=" + beamWidth + ", mergeWorkers=" + mergeWorkers
                + ", vectors compared by " + VectorMath.describe() + ")";
    }
}
