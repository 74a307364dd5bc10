package dev.moat.lockin;

import java.util.Locale;

/** What a user takes along when leaving for another provider. */
enum CarryMode {
    /** Nothing: a cold start at the target. */
    NONE,
    /** The raw user messages only, as today's data exports give them, re-indexed at the target. */
    TRANSCRIPT,
    /** Moat's passport: messages, derived memories, history and provenance. */
    PASSPORT;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
