package dev.moat.memory;

import dev.moat.user.Owner;
import java.util.List;

/**
 * Fired, synchronously, after memories were committed and indexed by MemoryService.addAll: what reads messages for
 * facts (the extraction feature) observes it, so this package never calls it. waitUntilSearchable is the write's own.
 */
public record MemoriesAdded(Owner owner, List<MemoryView> memories, boolean waitUntilSearchable) {}
