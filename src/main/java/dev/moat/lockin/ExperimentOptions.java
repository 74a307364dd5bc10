package dev.moat.lockin;

import dev.moat.problem.ProblemException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * How an experiment runs: the recall cut-off k, the carry modes to report, the destination (or provider) moved to
 * (target), the provider that answers replayed messages (null: memory only, no model calls), an optional cap on the
 * questions per user and the seed that picks them. docs/EXPERIMENTS.md describes each.
 */
public record ExperimentOptions(
        int k, List<CarryMode> carry, String target, String provider, Integer questions, long seed) {

    /**
     * The defaults: k 10, the carry modes a provider as target accepts (none, transcript, digest, passport), priced
     * at the offline provider, memory only, all questions, seed 42.
     */
    public static final ExperimentOptions DEFAULTS =
            new ExperimentOptions(10, Destinations.PROVIDER_CARRY, "offline", null, null, 42);

    public ExperimentOptions {
        if (k < 1 || k > 100) {
            throw ProblemException.badRequest("k must lie in 1..100, got " + k);
        }
        if (carry == null || carry.isEmpty()) {
            throw ProblemException.badRequest("name at least one carry mode (" + CarryMode.ids() + ")");
        }
        carry = List.copyOf(carry.stream().distinct().sorted().toList());
        if (questions != null && questions < 1) {
            throw ProblemException.badRequest("questions must be at least 1, got " + questions);
        }
        if (target == null || target.isBlank()) {
            throw ProblemException.badRequest("target must name a destination or a provider");
        }
    }

    /** The questions a user is measured on: all of them, or {@code questions} of them picked by the seed. */
    <T> List<T> pick(List<T> all) {
        if (questions == null || questions >= all.size()) {
            return all;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        // java.util.Random's sequence is fixed by its specification: the same seed picks the same questions anywhere.
        Collections.shuffle(order, new Random(seed));
        return order.subList(0, questions).stream().sorted().map(all::get).toList();
    }

    /** The carry modes' ids, in the order reports show them. */
    public List<String> carryIds() {
        return carry.stream().map(CarryMode::id).toList();
    }
}
