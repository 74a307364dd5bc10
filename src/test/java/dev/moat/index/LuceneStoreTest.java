package dev.moat.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.user.Owner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index folder of an older layout is rebuilt at start-up; one of the current layout is kept. */
class LuceneStoreTest {

    @TempDir
    Path folder;

    @Test
    void rebuildsAnIndexFromBeforeSpeakersAndKeepsACurrentOne() throws IOException {
        // An index as Moat wrote it before documents named their speaker: one memory, commit data without a layout.
        try (FSDirectory dir = FSDirectory.open(folder);
                IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new EnglishAnalyzer()))) {
            writer.addDocument(MemoryDocuments.toDocument(new IndexedMemory(
                    "m1",
                    new Owner("default", "ada"),
                    "Ana: I moved to Porto",
                    null,
                    "",
                    "message",
                    Instant.EPOCH,
                    1,
                    1,
                    new float[] {1, 0, 0})));
            writer.setLiveCommitData(Map.of(LuceneStore.LAST_CHANGE, "1").entrySet());
            writer.commit();
        }

        try (LuceneStore store = LuceneStore.open(folder, new EnglishAnalyzer(), DefaultIndexConfig.of())) {
            assertThat(store.startedEmpty()).isTrue();
            assertThat(store.committedLastChange()).isZero();
        }
        assertThat(documents()).isZero();

        try (LuceneStore store = LuceneStore.open(folder, new EnglishAnalyzer(), DefaultIndexConfig.of())) {
            assertThat(store.startedEmpty()).isFalse();
            store.commit(7);
        }
        try (LuceneStore store = LuceneStore.open(folder, new EnglishAnalyzer(), DefaultIndexConfig.of())) {
            assertThat(store.startedEmpty()).isFalse();
            assertThat(store.committedLastChange()).isEqualTo(7);
        }
    }

    private int documents() throws IOException {
        try (FSDirectory dir = FSDirectory.open(folder);
                DirectoryReader reader = DirectoryReader.open(dir)) {
            return reader.numDocs();
        }
    }
}
