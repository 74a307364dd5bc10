package dev.moat.context;

import dev.moat.memory.MemoryView;
import dev.moat.memory.TimeExpressions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How memories read in a prompt: a header, then one line per memory, best first, {@code - [2024-05-08] text},
 * followed by what each relative expression of the text resolves to, e.g. {@code (yesterday: 7 May 2024)}, and by
 * {@code (no longer so since 2024-06-01)} when a newer fact superseded it. The offline model quotes from these lines.
 */
public final class MemoryBlock {

    static final String HEADER = "Memories of this user, most relevant first:";
    static final String NONE = "Memories of this user: none yet.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private MemoryBlock() {}

    /** The header the block starts with; "none yet" when there is no memory to show. */
    public static String header(boolean empty) {
        return empty ? NONE : HEADER;
    }

    /** One memory's line, without a line break. */
    public static String line(MemoryView memory) {
        StringBuilder line = new StringBuilder("- [")
                .append(DAY.format(memory.occurredAt()))
                .append("] ")
                .append(memory.text().replace('\n', ' '));
        // "yesterday" in a memory of 8 May is 7 May: the model is told, not left to count
        for (TimeExpressions.Resolved r : memory.when()) {
            line.append(" (")
                    .append(r.expression())
                    .append(": ")
                    .append(r.label())
                    .append(')');
        }
        if (memory.validTo() != null) {
            // superseded by a newer fact of the same slot: history, not the present
            line.append(" (no longer so since ")
                    .append(DAY.format(memory.validTo()))
                    .append(')');
        }
        return line.toString();
    }
}
