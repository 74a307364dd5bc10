package dev.moat.bench;

import dev.moat.memory.MemoryService;
import dev.moat.memory.NewMemory;
import dev.moat.user.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Batches sent by --ingest-clients threads at once, as that many clients of the batch endpoint would: the
 * corpus is made on the calling thread (in order, so a seed gives the same memories), the writes run on the
 * clients, at most two batches per client waiting.
 */
final class BulkLoader implements AutoCloseable {

    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private final MemoryService memories;

    private final ExecutorService clients;
    private final Semaphore room;
    private final List<Future<?>> sent = new ArrayList<>();

    BulkLoader(MemoryService memories, int ingestClients) {
        this.memories = memories;
        this.clients = Executors.newFixedThreadPool(ingestClients);
        this.room = new Semaphore(ingestClients * 2);
    }

    /**
     * Memories in batches through MemoryService.addAllEmbedded: the write path, database and index, no
     * model; progress (null: none) prefixes a line every tenth.
     */
    void ingest(Owner owner, SyntheticMemories corpus, ComposedVectors vectors, int size, String progress)
            throws InterruptedException {
        for (int from = 0; from < size; from += PerfReport.BATCH) {
            int to = Math.min(size, from + PerfReport.BATCH);
            List<NewMemory> batch = new ArrayList<>(to - from);
            List<float[]> batchVectors = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                SyntheticMemories.Sentence s = corpus.sentence();
                batch.add(memory(s.text(), i));
                batchVectors.add(vectors.of(s.parts()));
            }
            send(owner, batch, batchVectors);
            if (progress != null
                    && (to % Math.max(PerfReport.BATCH, size / 10 / PerfReport.BATCH * PerfReport.BATCH) == 0
                            || to == size)) {
                System.err.printf(Locale.ROOT, "%s%,d/%,d memories sent%n", progress, to, size);
            }
        }
    }

    /** The i-th memory of a synthetic corpus: its text, said i hours after the corpus's start. */
    static NewMemory memory(String text, int i) {
        return new NewMemory(text, null, EPOCH.plus(Duration.ofHours(i)), null, null);
    }

    /**
     * perUser memories for each of users owners named prefix + 0, 1, ...; a progress line every twentieth user. Returns
     * the owners; await() waits for their memories.
     */
    List<Owner> ingestUsers(String prefix, int users, int perUser, SyntheticMemories corpus, ComposedVectors vectors)
            throws InterruptedException {
        List<Owner> owners = new ArrayList<>(users);
        long t0 = System.nanoTime();
        for (int u = 0; u < users; u++) {
            Owner owner = Owner.of(prefix + u);
            owners.add(owner);
            ingest(owner, corpus, vectors, perUser, null);
            if ((u + 1) % Math.max(1, users / 20) == 0 || u + 1 == users) {
                System.err.printf(
                        Locale.ROOT,
                        "  %,d/%,d users sent, %,.0f memories/s%n",
                        u + 1,
                        users,
                        (u + 1L) * perUser / ((System.nanoTime() - t0) / 1e9));
            }
        }
        return owners;
    }

    void send(Owner owner, List<NewMemory> batch, List<float[]> vectors) throws InterruptedException {
        room.acquire();
        sent.add(clients.submit(() -> {
            try {
                memories.addAllEmbedded(owner, batch, vectors);
            } finally {
                room.release();
            }
        }));
    }

    /** Waits until every batch sent is stored and searchable; rethrows the first failure. */
    void await() throws InterruptedException, ExecutionException {
        for (Future<?> f : sent) {
            f.get();
        }
        sent.clear();
    }

    @Override
    public void close() {
        clients.shutdownNow();
    }
}
