package dev.moat.extraction;

import dev.moat.memory.MemoryKind;
import java.time.Instant;

/**
 * A statement drawn from a message: its text, kind and slot (what it is about, "ana|lives in"), and when it happened:
 * the day its sentence's time words name ("yesterday"), else when the message was said.
 */
public record Statement(String text, MemoryKind kind, String slot, Instant at) {}
