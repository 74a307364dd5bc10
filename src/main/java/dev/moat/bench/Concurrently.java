package dev.moat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Tasks 0 .. count-1 shared among a number of threads, each taking the next one free: a benchmark's clients. */
final class Concurrently {

    /** One task, by its number. */
    interface Task {
        void run(int i) throws Exception;
    }

    private Concurrently() {}

    /** Runs every task and returns when all are done; rethrows the first failure. */
    static void run(int threads, int count, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> workers = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<Void> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
