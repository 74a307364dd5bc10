package dev.moat.lockin;

import java.util.List;
import java.util.Set;

/**
 * A question about the user's past whose evidence is known. Each evidence item is a set of memory ids any one of
 * which answers for it: a memory, and the messages it was drawn from.
 */
public record Probe(String question, List<Set<String>> evidence) {

    public Probe {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("a probe needs a question");
        }
        if (evidence == null || evidence.isEmpty()) {
            throw new IllegalArgumentException("a probe needs evidence: '" + question + "'");
        }
        evidence = evidence.stream().map(Set::copyOf).toList();
    }

    /** The share of evidence items with at least one id among the hits. */
    double recall(Set<String> hits) {
        long found = evidence.stream()
                .filter(item -> item.stream().anyMatch(hits::contains))
                .count();
        return (double) found / evidence.size();
    }
}
