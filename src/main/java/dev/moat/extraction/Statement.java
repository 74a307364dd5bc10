package dev.moat.extraction;

import dev.moat.memory.MemoryKind;
import java.time.Instant;

/**
 * A statement drawn from a message: its text, kind and slot (what it is about, "ana|lives in"), and when it happened:
 * the day its sentence's time words name ("yesterday"), else when the message was said.
 */
public record Statement(String text, MemoryKind kind, String slot, Instant at) {

    /** The longest statement kept: a longer one restates a message rather than distils it. */
    public static final int MAX_TEXT = 500;

    /** The longest slot, the width of the memory table's slot column. */
    public static final int MAX_SLOT = 256;

    /** Whether a statement of this text and slot can be stored: neither empty nor past its limit. */
    public static boolean fits(String text, String slot) {
        return !text.isEmpty() && text.length() <= MAX_TEXT && !slot.isEmpty() && slot.length() <= MAX_SLOT;
    }
}
