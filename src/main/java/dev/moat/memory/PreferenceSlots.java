package dev.moat.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Standing preferences in a search's answer: what the user prefers and the instructions they gave ("Always format code
 * with ...") govern questions they share few words with ("Show me a login form"), so they rank below the memories
 * that match the question's topic. Up to {@code slots} of the last places of the top k go to the best preferences
 * found among the next candidates, when the top k holds fewer; the order of the rest is kept.
 */
final class PreferenceSlots {

    /** Below this k every place is the ranking's: a short answer has no room to give. */
    static final int MIN_K = 5;

    private PreferenceSlots() {}

    /** The top k of the ranked hits (best first), with preferences from below k in up to slots of its last places. */
    static List<SearchResult.MemoryHit> place(List<SearchResult.MemoryHit> ranked, int k, int slots) {
        List<SearchResult.MemoryHit> top = new ArrayList<>(ranked.subList(0, Math.min(k, ranked.size())));
        if (slots <= 0 || k < MIN_K || ranked.size() <= k) {
            return top;
        }
        int wanted =
                slots - (int) top.stream().filter(PreferenceSlots::isPreference).count();
        List<SearchResult.MemoryHit> below = ranked.subList(k, ranked.size()).stream()
                .filter(PreferenceSlots::isPreference)
                .limit(Math.max(0, wanted))
                .toList();
        // each one takes the place of the lowest hit that is not a preference
        for (SearchResult.MemoryHit preference : below) {
            for (int i = top.size() - 1; i >= 0; i--) {
                if (!isPreference(top.get(i))) {
                    top.remove(i);
                    break;
                }
            }
            top.add(preference);
        }
        return top;
    }

    private static boolean isPreference(SearchResult.MemoryHit hit) {
        return hit.memory().kind() == MemoryKind.PREFERENCE;
    }
}
