package dev.moat.index;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The index's own thread pools: named daemon threads, so a pool never holds the process up. */
final class IndexThreads {

    private static ExecutorService vectorMerges;

    private IndexThreads() {}

    /**
     * The threads that build merged vector graphs in parallel, one pool for the process (nothing to close). Lucene
     * hands each merge's graph to numMergeWorkers tasks on this pool.
     */
    static synchronized ExecutorService vectorMerges(int threads) {
        if (vectorMerges == null) {
            vectorMerges = daemonPool("moat-vector-merge-", threads);
        }
        return vectorMerges;
    }

    /** A fixed pool of daemon threads named prefix1, prefix2, ... */
    static ExecutorService daemonPool(String prefix, int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
