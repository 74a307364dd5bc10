package dev.moat.extraction;

import dev.moat.memory.MemoryView;
import dev.moat.memory.SlotChange;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What becomes of a statement drawn from a message, given the memory that holds for its slot now: the same statement
 * again is merged into it; a different one is added and supersedes it, or, when said before it (an import out of
 * order), is added as already superseded. Nothing is deleted: a superseded memory keeps its history and a validTo.
 */
final class Consolidation {

    private Consolidation() {}

    static SlotChange decide(String text, Instant saidAt, Optional<MemoryView> holder) {
        if (holder.isEmpty()) {
            return SlotChange.ADD;
        }
        MemoryView current = holder.get();
        if (same(current.text(), text)) {
            return SlotChange.MERGE;
        }
        return saidAt.isBefore(current.occurredAt()) ? SlotChange.ADD_SUPERSEDED : SlotChange.ADD_SUPERSEDING;
    }

    /**
     * Equal but for case, spacing, end punctuation and a closing date in parentheses: "The user lives in Porto (29
     * November 2026)" is the statement "I live in Porto" makes again later.
     */
    static boolean same(String a, String b) {
        return normal(a).equals(normal(b));
    }

    private static String normal(String s) {
        return s.strip()
                .replaceAll("[.!]+$", "")
                .replaceAll("\\s*\\([^()]*\\)$", "")
                .replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
    }
}
