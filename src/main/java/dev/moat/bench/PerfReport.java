package dev.moat.bench;

import java.util.List;
import java.util.Locale;

/**
 * What {@code bench perf} measured, as its JSON and as Markdown tables: latencies in milliseconds, ratios are p50
 * over Lucene alone's p50.
 */
public record PerfReport(Machine machine, Ingest ingestWithEmbeddings, List<Step> steps, Chat chat, String notes) {

    /** Ingest batches of the suite: memories per call of the write path. */
    static final int BATCH = 500;

    /** Where and how it ran; backend: the index (moat.index.backend). */
    public record Machine(
            int cores,
            long maxHeapMb,
            String java,
            String backend,
            int queries,
            int k,
            int candidates,
            int ingestClients) {}

    public record Ingest(int memories, double perSecond) {}

    /** One step: a user (or many) searched every way, and the process's memory afterwards. */
    public record Step(
            String scenario,
            long memories,
            double ingestPerSecond,
            double mergeSeconds,
            Percentiles http,
            Percentiles httpFloor,
            Percentiles inProcess,
            Percentiles inProcessCachedVector,
            Percentiles context,
            Percentiles lucene,
            Percentiles luceneKnn,
            Percentiles engineTook,
            Percentiles inMemoryStore,
            double httpOverLucene,
            double inProcessCachedOverLucene,
            double inMemoryStoreOverLuceneKnn,
            Resources resources) {}

    public record Resources(
            long heapUsedMb,
            long rssMb,
            long indexedMemories,
            int segments,
            long indexBytesPerMemory,
            long dbBytesPerMemory) {}

    public record Chat(String user, long userMemories, int clients, int requests, double perSecond, Percentiles ms) {}

    /** The report as Markdown tables on standard output. */
    void print() {
        PerfReport r = this;
        Machine m = r.machine();
        System.out.printf(
                Locale.ROOT,
                "%n%d cores, max heap %,d MB, %s, %s index; %d timed queries per way, k=%d (%d candidates per"
                        + " retriever)%n",
                m.cores(),
                m.maxHeapMb(),
                m.java(),
                m.backend(),
                m.queries(),
                m.k(),
                m.candidates());
        System.out.printf(
                Locale.ROOT,
                "ingest with embeddings (the model on each memory, batches of %d): %,.0f memories/s (%,d)%n%n",
                BATCH,
                r.ingestWithEmbeddings().perSecond(),
                r.ingestWithEmbeddings().memories());
        System.out.println("search latency, p50 / p99 ms; ratio: p50 over Lucene alone's (the peer: over Lucene kNN's);"
                + " Lucene alone is the engine's queries, on OpenSearch with the cluster's own took beside them");
        System.out.println("| memories | HTTP | HTTP floor | in-process | in-process, vector cached"
                + " | context block, vector cached | Lucene alone | Lucene kNN alone | engine's own took | InMemoryEmbeddingStore | HTTP / Lucene"
                + " | in-process cached / Lucene | peer / kNN |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Step s : r.steps()) {
            System.out.printf(
                    Locale.ROOT,
                    "| %,d (%s) | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %.2f | %s |%n",
                    s.memories(),
                    s.scenario(),
                    ms(s.http()),
                    ms(s.httpFloor()),
                    ms(s.inProcess()),
                    ms(s.inProcessCachedVector()),
                    ms(s.context()),
                    ms(s.lucene()),
                    ms(s.luceneKnn()),
                    s.engineTook() == null ? "-" : ms(s.engineTook()),
                    s.inMemoryStore() == null ? "-" : ms(s.inMemoryStore()),
                    s.httpOverLucene(),
                    s.inProcessCachedOverLucene(),
                    s.inMemoryStore() == null
                            ? "-"
                            : String.format(Locale.ROOT, "%.2f", s.inMemoryStoreOverLuceneKnn()));
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "ingest without embeddings: batches of %d from %d clients at once%n",
                BATCH,
                m.ingestClients());
        System.out.println("| memories | ingest without embeddings /s | then merges s | heap after GC MB | RSS MB"
                + " | in the index | segments | index bytes/memory | database bytes/memory |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Step s : r.steps()) {
            Resources res = s.resources();
            System.out.printf(
                    Locale.ROOT,
                    "| %,d (%s) | %,.0f | %.1f | %,d | %,d | %,d | %d | %,d | %,d |%n",
                    s.memories(),
                    s.scenario(),
                    s.ingestPerSecond(),
                    s.mergeSeconds(),
                    res.heapUsedMb(),
                    res.rssMb(),
                    res.indexedMemories(),
                    res.segments(),
                    res.indexBytesPerMemory(),
                    res.dbBytesPerMemory());
        }
        if (r.chat() != null) {
            Chat c = r.chat();
            System.out.printf(
                    Locale.ROOT,
                    "%nchat via offline, %d clients, user with %,d memories: %.1f chats/s, p50 %.1f ms, p99 %.1f ms%n",
                    c.clients(),
                    c.userMemories(),
                    c.perSecond(),
                    c.ms().p50(),
                    c.ms().p99());
        }
        System.out.println(r.notes());
    }

    static String ms(Percentiles p) {
        return String.format(Locale.ROOT, "%.2f / %.2f", p.p50(), p.p99());
    }
}
