package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import dev.moat.embed.EmbeddingService;
import dev.moat.embed.Vectors;
import dev.moat.index.IndexBenchmarkProbe;
import dev.moat.index.IndexConfig;
import dev.moat.index.IndexedMemory;
import dev.moat.memory.MemoryService;
import dev.moat.memory.NewMemory;
import dev.moat.memory.TimeExpressions;
import dev.moat.user.Owner;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Ingest without the model against its floor: the same memories written by a bare JDBC batch insert (memory and
 * history rows, a commit per batch, into the service's own database) plus a bare Lucene index of the same documents
 * (adds, one commit at the end, merges waited for), then through MemoryService.addAllEmbedded, each batch searchable
 * when it returns. docs/BENCHMARKS.md, "HTTP, chat and ingest against their floors", reports a run.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Ingest without the model, beside a bare JDBC batch insert and a bare Lucene index.")
@Dependent
@Unremovable
public class IngestBenchCommand implements Callable<Integer> {

    @Option(names = "--memories", defaultValue = "100000", description = "Memories each way (${DEFAULT-VALUE}).")
    int size;

    @Option(
            names = "--embedded",
            defaultValue = "2000",
            description = "Memories then written through the model, beside the model alone on the same texts; 0: none"
                    + " (${DEFAULT-VALUE}).")
    int embedded;

    @Option(
            names = "--long-words",
            defaultValue = "0",
            description = "Words of each memory written through the model, sentences joined (an assistant's long"
                    + " reply: 300); 0: one sentence each (${DEFAULT-VALUE}).")
    int longWords;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the corpus (${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    JsonReport json;

    @Inject
    MemoryService memories;

    @Inject
    EmbeddingService embeddings;

    @Inject
    IndexBenchmarkProbe probe;

    @Inject
    IndexConfig indexConfig;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /**
     * Memories per second each way; bare is the JDBC and Lucene seconds added up (one after the other, as the service
     * does them); moatOverBare the service's rate as a fraction of the bare one.
     */
    public record IngestBenchReport(
            int memories,
            int batch,
            double bareJdbcSeconds,
            double bareLuceneSeconds,
            double barePerSecond,
            double moatSeconds,
            double moatPerSecond,
            double moatOverBare,
            WithModel withModel,
            String notes) {}

    /**
     * Memories written through the model (MemoryService.addAll: embedding, database, index, extraction) beside the
     * model alone on the same passages, per second; moatOverModel the first as a fraction of the second.
     */
    public record WithModel(
            int memories, double wordsEach, double modelAlonePerSecond, double moatPerSecond, double moatOverModel) {}

    @Override
    public Integer call() throws Exception {
        if (size < 1 || embedded < 0 || longWords < 0) {
            throw new CommandException("--memories >= 1; --embedded, --long-words >= 0");
        }
        if (indexConfig.shared()) {
            throw new CommandException("bench ingest's bare baseline is a local Lucene index: run it on the embedded"
                    + " index (moat.index.backend=embedded)");
        }
        int batch = PerfReport.BATCH;
        System.err.printf(Locale.ROOT, "bench ingest: %,d memories, batches of %d%n", size, batch);
        List<NewMemory> corpus = new ArrayList<>(size);
        List<float[]> vectors = new ArrayList<>(size);
        SyntheticMemories sentences = new SyntheticMemories(seed);
        ComposedVectors composed = new ComposedVectors(embeddings, seed);
        for (int i = 0; i < size; i++) {
            SyntheticMemories.Sentence s = sentences.sentence();
            corpus.add(BulkLoader.memory(s.text(), i));
            vectors.add(composed.of(s.parts()));
        }

        System.err.println("  bare JDBC batch insert");
        Owner bare = Owner.of("ingest-bare");
        List<IndexedMemory> documents = new ArrayList<>(size);
        long jdbc = bareJdbc(bare, corpus, vectors, batch, documents);
        System.err.println("  bare Lucene index");
        long lucene = probe.bareIndex(documents, batch);
        forgetBare(bare);

        System.err.println("  MemoryService.addAllEmbedded, each batch searchable when it returns");
        Owner owner = Owner.of("ingest-moat");
        long t0 = System.nanoTime();
        for (int from = 0; from < size; from += batch) {
            int to = Math.min(size, from + batch);
            memories.addAllEmbedded(owner, corpus.subList(from, to), vectors.subList(from, to));
        }
        probe.awaitMerges();
        long moat = System.nanoTime() - t0;

        WithModel withModel = embedded == 0 ? null : withModel(batch);
        double bareSeconds = (jdbc + lucene) / 1e9;
        IngestBenchReport report = new IngestBenchReport(
                size,
                batch,
                JsonReport.round2(jdbc / 1e9),
                JsonReport.round2(lucene / 1e9),
                Math.round(size / bareSeconds),
                JsonReport.round2(moat / 1e9),
                Math.round(size / (moat / 1e9)),
                JsonReport.round2(bareSeconds / (moat / 1e9)),
                withModel,
                "Vectors composed from the model's vectors of each sentence's phrases (bench/ComposedVectors); no"
                        + " model runs. Each way's time includes the merges its writes started.");
        System.out.printf(
                Locale.ROOT,
                "%n| way | seconds | memories/s |%n| --- | --- | --- |%n"
                        + "| bare: JDBC batch insert (memory + history rows) | %.1f | |%n"
                        + "| bare: Lucene, same documents, one commit | %.1f | |%n"
                        + "| bare: both | %.1f | %,.0f |%n"
                        + "| Moat: addAllEmbedded, searchable per batch | %.1f | %,.0f |%n%n"
                        + "Moat at %.0f %% of the bare rate%n",
                report.bareJdbcSeconds(),
                report.bareLuceneSeconds(),
                bareSeconds,
                report.barePerSecond(),
                report.moatSeconds(),
                report.moatPerSecond(),
                100 * report.moatOverBare());
        if (withModel != null) {
            System.out.printf(
                    Locale.ROOT,
                    "%nThrough the model, %,d memories of %.0f words: the model alone %.1f/s, MemoryService.addAll"
                            + " %.1f/s (%.0f %% of it)%n",
                    withModel.memories(),
                    withModel.wordsEach(),
                    withModel.modelAlonePerSecond(),
                    withModel.moatPerSecond(),
                    100 * withModel.moatOverModel());
        }
        json.write(mapper, report);
        return 0;
    }

    /** The model alone on the passages, then the same texts through MemoryService.addAll, in batches. */
    private WithModel withModel(int batch) {
        System.err.printf(Locale.ROOT, "  %,d memories through the model%n", embedded);
        SyntheticMemories sentences = new SyntheticMemories(seed + 1);
        List<NewMemory> corpus = new ArrayList<>(embedded);
        long words = 0;
        for (int i = 0; i < embedded; i++) {
            StringBuilder text = new StringBuilder();
            int count = 0;
            do {
                String sentence = sentences.sentence().text();
                text.append(count == 0 ? "" : " ").append(sentence);
                count += sentence.split(" ").length;
            } while (count < longWords);
            words += count;
            corpus.add(BulkLoader.memory(text.toString(), i));
        }
        List<String> passages = corpus.stream()
                .map(m -> EmbeddingService.passage(m.text(), null))
                .toList();
        embeddings.embedUncached(passages.subList(0, Math.min(50, passages.size())), false); // warm-up
        long t0 = System.nanoTime();
        for (int from = 0; from < embedded; from += batch) {
            embeddings.embedUncached(passages.subList(from, Math.min(embedded, from + batch)), false);
        }
        double alone = embedded / ((System.nanoTime() - t0) / 1e9);
        Owner owner = Owner.of("ingest-model");
        t0 = System.nanoTime();
        for (int from = 0; from < embedded; from += batch) {
            memories.addAll(owner, corpus.subList(from, Math.min(embedded, from + batch)));
        }
        double moat = embedded / ((System.nanoTime() - t0) / 1e9);
        return new WithModel(
                embedded,
                JsonReport.round2((double) words / embedded),
                JsonReport.round2(alone),
                JsonReport.round2(moat),
                JsonReport.round2(moat / alone));
    }

    /**
     * The memories and their ADD events by plain JDBC batches, a commit per batch, into the service's tables; the
     * documents the bare index is given are collected on the way.
     */
    private long bareJdbc(
            Owner owner, List<NewMemory> corpus, List<float[]> vectors, int batch, List<IndexedMemory> documents)
            throws Exception {
        String model = embeddings.modelName();
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                PreparedStatement memory = c.prepareStatement("INSERT INTO memory (id, tenant_id, user_id, text, kind,"
                        + " occurred_at, created_at, updated_at, embedding, embedding_model, version, revision)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
                PreparedStatement event = c.prepareStatement("INSERT INTO memory_event (id, tenant_id, user_id,"
                        + " memory_id, type, after_state, at, revision) VALUES (?, ?, ?, ?, 'ADD', ?, ?, 1)")) {
            c.setAutoCommit(false);
            for (int from = 0; from < corpus.size(); from += batch) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                for (int i = from; i < Math.min(corpus.size(), from + batch); i++) {
                    NewMemory m = corpus.get(i);
                    String id = UUID.randomUUID().toString();
                    long version = -(i + 1L); // below the service's sequence, which starts at 1
                    OffsetDateTime occurred = m.occurredAt().atOffset(ZoneOffset.UTC);
                    memory.setString(1, id);
                    memory.setString(2, owner.tenantId());
                    memory.setString(3, owner.userId());
                    memory.setString(4, m.text());
                    memory.setString(5, "message");
                    memory.setObject(6, occurred);
                    memory.setObject(7, now);
                    memory.setObject(8, now);
                    memory.setBytes(9, Vectors.toBytes(vectors.get(i)));
                    memory.setString(10, model);
                    memory.setLong(11, version);
                    memory.addBatch();
                    event.setLong(1, version);
                    event.setString(2, owner.tenantId());
                    event.setString(3, owner.userId());
                    event.setString(4, id);
                    event.setString(
                            5, mapper.writeValueAsString(Map.of("id", id, "text", m.text(), "kind", "message")));
                    event.setObject(6, now);
                    event.addBatch();
                    documents.add(new IndexedMemory(
                            id,
                            owner,
                            m.text(),
                            null,
                            TimeExpressions.labels(m.text(), m.occurredAt()),
                            "message",
                            m.occurredAt(),
                            version,
                            1,
                            vectors.get(i)));
                }
                memory.executeBatch();
                event.executeBatch();
                c.commit();
            }
        }
        return System.nanoTime() - t0;
    }

    private void forgetBare(Owner owner) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement events =
                        c.prepareStatement("DELETE FROM memory_event WHERE tenant_id = ? AND user_id = ?");
                PreparedStatement rows = c.prepareStatement("DELETE FROM memory WHERE tenant_id = ? AND user_id = ?")) {
            for (PreparedStatement p : List.of(events, rows)) {
                p.setString(1, owner.tenantId());
                p.setString(2, owner.userId());
                p.executeUpdate();
            }
        }
    }
}
