package dev.moat.index;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.jboss.logging.Logger;

/**
 * The index folder with its writer and searcher manager. An index that is unreadable (corrupt, truncated, from
 * another Lucene) is deleted and started empty: the database holds the truth and the repair refills it.
 */
final class LuceneStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LuceneStore.class);
    static final String LAST_CHANGE = "lastChange";
    /**
     * What the documents hold, recorded in each commit: 2 since they name their speaker. An index of an older layout
     * is rebuilt from the database at start-up, as a missing one is.
     */
    static final String LAYOUT = "layout";

    private static final String CURRENT_LAYOUT = "2";

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    private final boolean startedEmpty;
    private final long committedLastChange;

    private LuceneStore(
            Directory directory, IndexWriter writer, boolean startedEmpty, long lastChange, Duration refreshInterval)
            throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
        // Refreshes at least every refreshInterval, and at once when a writer waits for its change.
        this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, refreshInterval.toNanos() / 1e9, 0);
        this.reopener.setName("moat-index-refresh");
        this.reopener.setDaemon(true);
        this.reopener.start();
        this.startedEmpty = startedEmpty;
        this.committedLastChange = lastChange;
    }

    static LuceneStore open(Path folder, Analyzer analyzer, IndexConfig settings) {
        try {
            Files.createDirectories(folder);
            try {
                return openExisting(folder, analyzer, settings);
            } catch (CorruptIndexException
                    | IndexFormatTooOldException
                    | IndexFormatTooNewException
                    | EOFException
                    | NoSuchFileException e) {
                LOG.warnf("The index at %s is unreadable (%s); deleting it to rebuild it from the database", folder, e);
                deleteContents(folder);
                return create(folder, analyzer, settings);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index at " + folder + ": " + e.getMessage(), e);
        }
    }

    private static LuceneStore openExisting(Path folder, Analyzer analyzer, IndexConfig settings) throws IOException {
        Directory dir = FSDirectory.open(folder);
        try {
            if (!DirectoryReader.indexExists(dir)) {
                LOG.infof("No index at %s; starting one", folder);
                dir.close();
                return create(folder, analyzer, settings);
            }
            SegmentInfos infos = SegmentInfos.readLatestCommit(dir);
            if (!CURRENT_LAYOUT.equals(infos.getUserData().get(LAYOUT))) {
                LOG.infof(
                        "The index at %s predates speakers on memories (layout %s); rebuilding it",
                        folder, infos.getUserData().getOrDefault(LAYOUT, "1"));
                dir.close();
                return create(folder, analyzer, settings);
            }
            long lastChange = Long.parseLong(infos.getUserData().getOrDefault(LAST_CHANGE, "0"));
            IndexWriter writer = new IndexWriter(dir, config(analyzer, IndexWriterConfig.OpenMode.APPEND, settings));
            // Opening a reader touches every segment's metadata, so truncated files show up here, not at search.
            DirectoryReader.open(writer).close();
            return new LuceneStore(dir, writer, false, lastChange, settings.refreshInterval());
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private static LuceneStore create(Path folder, Analyzer analyzer, IndexConfig settings) throws IOException {
        Directory dir = FSDirectory.open(folder);
        IndexWriter writer = new IndexWriter(dir, config(analyzer, IndexWriterConfig.OpenMode.CREATE, settings));
        writer.setLiveCommitData(
                Map.of(LAST_CHANGE, "0", LAYOUT, CURRENT_LAYOUT).entrySet());
        writer.commit();
        return new LuceneStore(dir, writer, true, 0, settings.refreshInterval());
    }

    /** The writer's settings: the live index's, and the bare baseline's of LuceneBenchmarkProbe. */
    static IndexWriterConfig config(Analyzer analyzer, IndexWriterConfig.OpenMode mode, IndexConfig settings) {
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setSegmentsPerTier(settings.segmentsPerTier());
        return new IndexWriterConfig(analyzer)
                .setOpenMode(mode)
                .setRAMBufferSizeMB(64)
                .setMergePolicy(merges)
                .setCodec(MemoryCodec.of(settings, settings.hnswMergeWorkers()));
    }

    /** Deletes everything below the folder, leaving the folder. */
    static void deleteContents(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder)) {
                    Files.delete(p);
                }
            }
        }
    }

    IndexWriter writer() {
        return writer;
    }

    SearcherManager searchers() {
        return searchers;
    }

    ControlledRealTimeReopenThread<IndexSearcher> reopener() {
        return reopener;
    }

    boolean startedEmpty() {
        return startedEmpty;
    }

    long committedLastChange() {
        return committedLastChange;
    }

    /** Commits, recording the last database change applied; returns the writer's sequence number. */
    long commit(long lastChange) throws IOException {
        writer.setLiveCommitData(Map.of(LAST_CHANGE, Long.toString(lastChange), LAYOUT, CURRENT_LAYOUT)
                .entrySet());
        return writer.commit();
    }

    /**
     * Commits and closes without waiting for running merges: IndexWriter.close waits for them, which after a bulk
     * load held a stop for minutes. Everything is committed first, so rolling back only abandons the merges (their
     * files are deleted); the next start merges again.
     */
    void close(long lastChange) throws IOException {
        try {
            reopener.close(); // no refresh touches the writer from here on
            if (writer.isOpen()) {
                commit(lastChange);
                writer.rollback();
            }
        } finally {
            close();
        }
    }

    @Override
    public void close() throws IOException {
        try (directory;
                writer;
                searchers;
                reopener) {
            // closed in reverse order: reopener, searchers, writer, directory
        }
    }
}
