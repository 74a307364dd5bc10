package dev.moat.index;

import dev.moat.user.Owner;
import java.time.Instant;
import java.util.Objects;

/**
 * What the index holds of a memory: enough to find it, filter it and know whether it is current. The index knows no
 * entity: its writer hands it these values. Context, the turn the memory answered, may be null; when holds the dates
 * the text's relative expressions name ("7 May 2023"), empty when it names none; kind is the kind's id. Version is the
 * id of the memory's last change, revision the count of its changes (what orders them in a shared index). Vector is
 * null for a memory whose embedding is still to come (a streamed import fills it in behind): BM25 finds it meanwhile.
 */
public record IndexedMemory(
        String id,
        Owner owner,
        String text,
        String context,
        String when,
        String kind,
        Instant occurredAt,
        long version,
        long revision,
        float[] vector) {

    public IndexedMemory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        when = when == null ? "" : when;
    }
}
