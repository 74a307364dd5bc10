package dev.moat.portability;

import dev.moat.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The documents an export writes (docs/PASSPORT.md). */
public enum ExportFormat {
    /** Moat's passport: everything, with history and provenance. */
    PASSPORT("application/json", ".passport.json"),
    /** mem0's add requests, one per memory that still holds. */
    MEM0("application/json", ".mem0.json"),
    /** A Markdown summary to paste into an assistant, cut to a token budget. */
    DIGEST("text/markdown; charset=utf-8", ".digest.md"),
    /** Moat's history format: one JSON message a line (docs/EXPERIMENTS.md). */
    JSONL("application/x-ndjson", ".jsonl");

    private final String mediaType;
    private final String suffix;

    ExportFormat(String mediaType, String suffix) {
        this.mediaType = mediaType;
        this.suffix = suffix;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String mediaType() {
        return mediaType;
    }

    /** The file name of a user's export in this format. */
    public String fileName(String userId) {
        return userId + suffix;
    }

    /** The format named, case-insensitively; 400 with the list of formats otherwise. */
    public static ExportFormat of(String name) {
        return Arrays.stream(values())
                .filter(f -> f.id().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest("unknown export format '" + name + "'; expected one of "
                        + Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", "))));
    }
}
