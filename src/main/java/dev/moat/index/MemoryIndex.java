package dev.moat.index;

import dev.moat.user.Owner;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The search side of the memory store: derived from the database, rebuildable from it at any time. Lucene embedded
 * today; the interface is what a distributed engine would implement when one machine is outgrown.
 */
public interface MemoryIndex {

    /** Adds or replaces memories by id; searchable when this returns. */
    default void upsert(Collection<IndexedMemory> memories) {
        upsert(memories, true);
    }

    /**
     * Adds or replaces memories by id. Unless asked to wait, they become searchable within the refresh interval,
     * which lets many concurrent writes share one refresh.
     */
    void upsert(Collection<IndexedMemory> memories, boolean waitUntilSearchable);

    /** Removes memories by id; gone from search when this returns. */
    void delete(Collection<String> memoryIds);

    /** Removes every memory of an owner. */
    void deleteOwner(Owner owner);

    /** Removes every memory. */
    void deleteAll();

    /** The best hits of the query among the owner's memories only, best first. */
    List<IndexHit> search(IndexQuery query);

    /**
     * A throwaway index in memory of just these memories, ranked exactly as this index ranks: for simulations that
     * must not touch the live index. Close it after use.
     */
    TransientIndex scratch(Collection<IndexedMemory> memories);

    /** The version the index holds of each of these memories; one it does not hold is left out. */
    Map<String, Long> versionsOf(Collection<String> memoryIds);

    /**
     * Up to limit ids of the memories in the index that come after afterId ("" for the first) in the order of their
     * UTF-8 bytes: the whole index a page at a time.
     */
    List<String> idsAfter(String afterId, int limit);

    /**
     * Id and version of every memory in the index, all at once: for tests and small indexes. The repair pages
     * through {@link #versionsOf} and {@link #idsAfter} instead, so that it never holds the whole index.
     */
    default Map<String, Long> versions() {
        Map<String, Long> versions = new HashMap<>();
        for (List<String> page = idsAfter("", 10_000);
                !page.isEmpty();
                page = idsAfter(page.get(page.size() - 1), 10_000)) {
            versions.putAll(versionsOf(page));
        }
        return versions;
    }

    /** Memories indexed and the last database change applied. */
    IndexStatus status();

    /** True when the index was missing or unreadable at start and began empty: a rebuild, not a check, follows. */
    boolean startedEmpty();

    /** Writes pending changes to disk, recording the last database change applied. */
    void commit(long lastChange);

    /** Runs work with every other reader and writer held off (a rebuild); the index is not ready meanwhile. */
    <T> T exclusive(Callable<T> work);

    /**
     * Documents, last applied change and segments (each search visits every one), as of the last refresh, and how
     * vectors are compared: "simd" or "scalar" (started without --add-modules jdk.incubator.vector).
     */
    record IndexStatus(long memories, long lastChange, int segments, String vectorMath) {}
}
