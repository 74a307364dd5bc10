package dev.moat.index;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReadWriteLock;

/** Work run with an index's write lock held: every reader and writer of this process waits (a rebuild). */
final class ExclusiveWork {

    private ExclusiveWork() {}

    static <T> T run(ReadWriteLock lock, Callable<T> work) {
        lock.writeLock().lock();
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
