package dev.moat.jobs;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of daemon threads behind a bounded queue: the long jobs of one kind on this instance (experiment
 * runs, import jobs), which a caller refuses politely when both are full rather than piling up.
 */
public final class Workers {

    private final ThreadPoolExecutor pool;

    /** Threads named name-1, name-2, ...; at most queue jobs wait for one. */
    public Workers(String name, int threads, int queue) {
        AtomicInteger made = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, name + "-" + made.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Queues the job; false, and nothing queued, when every thread is busy and the queue is full. */
    public boolean offer(Runnable job) {
        try {
            pool.execute(job);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Interrupts the running jobs and drops the waiting ones: the instance is stopping. */
    public void shutdownNow() {
        pool.shutdownNow();
    }
}
