package dev.moat.index;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that build merged vector graphs in parallel, one pool for the process (daemon threads: nothing to
 * close). Lucene hands each merge's graph to numMergeWorkers tasks on this pool.
 */
final class VectorMerges {

    private static ExecutorService pool;

    private VectorMerges() {}

    static synchronized ExecutorService pool(int threads) {
        if (pool == null) {
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "moat-vector-merge-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }
}
