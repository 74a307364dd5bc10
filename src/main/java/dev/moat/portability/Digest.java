package dev.moat.portability;

import dev.moat.context.MemoryBlock;
import dev.moat.memory.MemoryKind;
import dev.moat.provider.Tokens;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's memory as a Markdown summary to paste into an assistant that imports no file (docs/PASSPORT.md,
 * "digest"): what still holds about the user (facts, preferences and notes, newest first), then the messages most
 * drawn on (those the most derived memories came from, then the newest), each a dated line, cut to a budget of cl100k
 * tokens. Superseded facts, history and the assistant's replies stay out: a paste-in carries only text.
 *
 * @param text the Markdown
 * @param lines the memory lines it holds, in the order written, each with the id of the memory it says
 * @param tokens the text's cl100k tokens, at most the budget
 */
public record Digest(String text, List<Line> lines, int tokens) {

    /** The budget when none is asked for: what a chat assistant's memory import takes without complaint. */
    public static final int DEFAULT_TOKENS = 2_000;

    public static final int MIN_TOKENS = 100;
    public static final int MAX_TOKENS = 32_000;

    static final String ABOUT = "## About me";
    static final String HISTORY = "## From our conversations";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** One memory's line; section says which heading it is under; tokens counts the line with its line break. */
    public record Line(String memoryId, String section, String text, int tokens) {}

    private record Candidate(String memoryId, String section, String text) {}

    /** The digest of a passport, within maxTokens, as of now. */
    public static Digest of(Passport passport, int maxTokens, Instant now) {
        String header = "# Memory digest: " + passport.user().id() + "\n\nWhat I have told an assistant so far, as of "
                + DAY.format(now) + ", most important first; each line dated when I said it.\n";
        List<Candidate> candidates = new ArrayList<>();
        about(passport).forEach(m -> candidates.add(new Candidate(m.id(), ABOUT, line(m))));
        history(passport).forEach(m -> candidates.add(new Candidate(m.id(), HISTORY, line(m))));

        // Pieces counted one by one add up to the whole's count within a token or two; the whole is counted last.
        int used = Tokens.count(header);
        List<Line> kept = new ArrayList<>();
        String section = null;
        for (Candidate c : candidates) {
            int tokens = Tokens.count(c.text() + "\n");
            int cost = tokens + (c.section().equals(section) ? 0 : headingCost(c.section()));
            if (used + cost > maxTokens) {
                break;
            }
            used += cost;
            section = c.section();
            kept.add(new Line(c.memoryId(), c.section(), c.text(), tokens));
        }
        String text = render(header, kept);
        int tokens = Tokens.count(text);
        while (!kept.isEmpty() && tokens > maxTokens) {
            kept.remove(kept.size() - 1);
            text = render(header, kept);
            tokens = Tokens.count(text);
        }
        return new Digest(text, List.copyOf(kept), tokens);
    }

    /** Facts, preferences and notes that still hold, the newest said first. */
    private static List<Passport.PassportMemory> about(Passport passport) {
        return passport.memories().stream()
                .filter(m -> m.kind() != MemoryKind.MESSAGE && m.validTo() == null)
                .sorted(Comparator.comparing(Passport.PassportMemory::occurredAt)
                        .reversed()
                        .thenComparing(Passport.PassportMemory::id))
                .toList();
    }

    /** The user's messages, those the most memories were drawn from first, then the newest. */
    private static List<Passport.PassportMemory> history(Passport passport) {
        Map<String, Integer> references = new HashMap<>();
        for (Passport.PassportMemory m : passport.memories()) {
            if (m.provenance() != null) {
                m.provenance().sources().forEach(s -> references.merge(s, 1, Integer::sum));
            }
        }
        return passport.memories().stream()
                .filter(m -> m.kind() == MemoryKind.MESSAGE)
                .sorted(Comparator.comparing((Passport.PassportMemory m) -> -references.getOrDefault(m.id(), 0))
                        .thenComparing(Passport.PassportMemory::occurredAt, Comparator.reverseOrder())
                        .thenComparing(Passport.PassportMemory::id))
                .toList();
    }

    private static String line(Passport.PassportMemory m) {
        return "- [" + DAY.format(m.occurredAt()) + "] " + MemoryBlock.neutralised(m.text());
    }

    private static int headingCost(String section) {
        return Tokens.count("\n" + section + "\n");
    }

    private static String render(String header, List<Line> lines) {
        StringBuilder out = new StringBuilder(header);
        String section = null;
        for (Line l : lines) {
            if (!l.section().equals(section)) {
                section = l.section();
                out.append('\n').append(section).append('\n');
            }
            out.append(l.text()).append('\n');
        }
        return out.toString();
    }
}
