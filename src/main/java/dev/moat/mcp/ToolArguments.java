package dev.moat.mcp;

import dev.moat.memory.MemoryKind;
import dev.moat.problem.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The tools' arguments read and checked, each failure a sentence naming the argument (a tool error result). */
final class ToolArguments {

    private ToolArguments() {}

    static MemoryKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return MemoryKind.of(kind.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("kind: one of " + MemoryKind.allowed() + "; got '" + kind + "'");
        }
    }

    static Set<MemoryKind> kinds(List<String> kinds) {
        if (kinds == null || kinds.isEmpty()) {
            return null;
        }
        Set<MemoryKind> set = EnumSet.noneOf(MemoryKind.class);
        kinds.forEach(k -> set.add(kind(k)));
        return set;
    }

    /**
     * An argument the tool cannot do without (ToolSchemas.REQUIRED). The extension would refuse a missing one with a
     * protocol error; checked here, it is a tool error result the agent reads.
     */
    static String required(String tool, String name, String value) {
        if (value == null) {
            throw ProblemException.badRequest(name + ": " + tool + " needs it");
        }
        return value;
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    name + ": an ISO-8601 instant such as 2026-03-01T09:30:00Z, got '" + value + "'");
        }
    }
}
