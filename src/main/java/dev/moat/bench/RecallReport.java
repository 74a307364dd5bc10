package dev.moat.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The figures of {@code bench recall}, as printed and as written with --json. */
public record RecallReport(
        int questions,
        Map<String, Double> recall,
        Map<String, Double> hit,
        Map<String, Figures> byCategory,
        double ingestPerSecond,
        SearchMs searchMs,
        int conversations,
        int memories,
        int skippedEvidenceIds,
        int questionsWithoutEvidence) {

    /** Recall@k and hit@k of a group of questions, keyed by k. */
    public record Figures(int questions, Map<String, Double> recall, Map<String, Double> hit) {}

    /** In-process search latency percentiles. */
    public record SearchMs(double p50, double p99) {}

    void print(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "Evidence recall over %d questions (%d conversations, %d memories; LoCoMo's category 5 and questions"
                        + " without evidence left out)%n",
                questions,
                conversations,
                memories);
        // the label column as wide as the longest category name (BEAM's are long)
        int width = byCategory.keySet().stream().mapToInt(String::length).max().orElse(0);
        String label = "%-" + Math.max(12, width) + "s";
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, label + " %5s", "", "n"));
        recall.keySet().forEach(k -> header.append(String.format(Locale.ROOT, " %9s", "recall@" + k)));
        hit.keySet().forEach(k -> header.append(String.format(Locale.ROOT, " %7s", "hit@" + k)));
        out.println(header);
        row(out, label, "overall", new Figures(questions, recall, hit));
        byCategory.forEach((c, f) -> row(out, label, c, f));
        out.printf(
                Locale.ROOT,
                "skipped: %d evidence ids that name no turn, %d questions left without evidence%n",
                skippedEvidenceIds,
                questionsWithoutEvidence);
        out.printf(Locale.ROOT, "ingest: %.1f memories/s (embeddings included)%n", ingestPerSecond);
        out.printf(
                Locale.ROOT,
                "search: p50 %.2f ms, p99 %.2f ms (in-process, %d queries)%n",
                searchMs.p50(),
                searchMs.p99(),
                questions);
    }

    private static void row(PrintStream out, String format, String label, Figures f) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, format + " %5d", label, f.questions()));
        f.recall().values().forEach(v -> line.append(String.format(Locale.ROOT, " %9.3f", v)));
        f.hit().values().forEach(v -> line.append(String.format(Locale.ROOT, " %7.3f", v)));
        out.println(line);
    }
}
