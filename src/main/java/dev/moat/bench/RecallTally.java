package dev.moat.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/** Sums evidence recall@k and hit@k over questions, overall and per category. */
final class RecallTally {

    private final SortedSet<Integer> ks;
    private final Sums overall;
    private final Map<String, Sums> byCategory = new TreeMap<>();
    private int skippedEvidence;
    private int skippedQuestions;

    RecallTally(SortedSet<Integer> ks) {
        this.ks = ks;
        this.overall = new Sums(ks);
    }

    void skipEvidence(int ids) {
        skippedEvidence += ids;
    }

    void skipQuestion() {
        skippedQuestions++;
    }

    /** One question: its evidence turn ids and, for each cutoff k, the turn ids a search for k retrieved, best first. */
    void add(String category, List<String> evidence, Map<Integer, List<String>> ranked) {
        overall.add(evidence, ranked);
        byCategory.computeIfAbsent(category, c -> new Sums(ks)).add(evidence, ranked);
    }

    RecallReport report(int conversations, int memories, double ingestPerSecond, Percentiles search) {
        Map<String, RecallReport.Figures> categories = new LinkedHashMap<>();
        byCategory.forEach((c, s) -> categories.put(c, s.figures()));
        RecallReport.Figures all = overall.figures();
        return new RecallReport(
                all.questions(),
                all.recall(),
                all.hit(),
                categories,
                ingestPerSecond,
                new RecallReport.SearchMs(search.p50(), search.p99()),
                conversations,
                memories,
                skippedEvidence,
                skippedQuestions);
    }

    /** Running sums for one group of questions. */
    private static final class Sums {
        private final SortedSet<Integer> ks;
        private final Map<Integer, Double> recall = new TreeMap<>();
        private final Map<Integer, Integer> hit = new TreeMap<>();
        private int questions;

        Sums(SortedSet<Integer> ks) {
            this.ks = ks;
        }

        void add(List<String> evidence, Map<Integer, List<String>> ranked) {
            questions++;
            for (int k : ks) {
                List<String> list = ranked.get(k);
                List<String> top = list.subList(0, Math.min(k, list.size()));
                long found = evidence.stream().filter(top::contains).count();
                recall.merge(k, (double) found / evidence.size(), Double::sum);
                hit.merge(k, found > 0 ? 1 : 0, Integer::sum);
            }
        }

        RecallReport.Figures figures() {
            Map<String, Double> r = new LinkedHashMap<>();
            Map<String, Double> h = new LinkedHashMap<>();
            for (int k : ks) {
                r.put(Integer.toString(k), questions == 0 ? 0 : recall.getOrDefault(k, 0.0) / questions);
                h.put(Integer.toString(k), questions == 0 ? 0 : hit.getOrDefault(k, 0) / (double) questions);
            }
            return new RecallReport.Figures(questions, r, h);
        }
    }
}
