package dev.moat.memory;

import java.util.List;

/** One page of a user's memories, newest first; nextCursor is null on the last page. */
public record MemoryPage(List<MemoryView> items, String nextCursor) {}
