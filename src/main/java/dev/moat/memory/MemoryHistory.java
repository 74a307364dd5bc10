package dev.moat.memory;

import java.time.Instant;
import java.util.List;

/** Every change of one memory, oldest first. */
public record MemoryHistory(String memoryId, List<Event> events) {

    /** One change: the memory before (null on ADD) and after (null on DELETE). */
    public record Event(long id, MemoryEvent.Type type, Instant at, MemoryView before, MemoryView after) {}
}
