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
                "Evidence recall over %d questions (%d conversations, %d memories; category 5 left out)%n",
                questions,
                conversations,
                memories);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-12s %5s", "", "n"));
        recall.keySet().forEach(k -> header.append(String.format(Locale.ROOT, " %9s", "recall@" + k)));
        hit.keySet().forEach(k -> header.append(String.format(Locale.ROOT, " %7s", "hit@" + k)));
        out.println(header);
        row(out, "overall", new Figures(questions, recall, hit));
        byCategory.forEach((c, f) -> row(out, "category " + c, f));
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

    private static void row(PrintStream out, String label, Figures f) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s %5d", label, f.questions()));
        f.recall().values().forEach(v -> line.append(String.format(Locale.ROOT, " %9.3f", v)));
        f.hit().values().forEach(v -> line.append(String.format(Locale.ROOT, " %7.3f", v)));
        out.println(line);
    }
}
