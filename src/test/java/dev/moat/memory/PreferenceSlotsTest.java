package dev.moat.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Standing preferences from below k take the last places of the top k, the rest keeping its order. */
class PreferenceSlotsTest {

    private static SearchResult.MemoryHit hit(String id, MemoryKind kind, double score) {
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        MemoryView m = new MemoryView(id, "ada", id, kind, at, at, at, null, Map.of(), null, null, null, null);
        return new SearchResult.MemoryHit(m, score, new SearchResult.Ranks(1, 1));
    }

    private static List<SearchResult.MemoryHit> ranking(String... kinds) {
        List<SearchResult.MemoryHit> hits = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            hits.add(hit(kinds[i] + i, MemoryKind.of(kinds[i]), 1.0 / (i + 1)));
        }
        return hits;
    }

    private static List<String> ids(List<SearchResult.MemoryHit> hits) {
        return hits.stream().map(h -> h.memory().id()).toList();
    }

    @Test
    void preferencesFromBelowTakeTheLastPlacesOfTheTopK() {
        var ranked = ranking(
                "message",
                "message",
                "message",
                "message",
                "message",
                "message",
                "preference",
                "message",
                "preference",
                "preference");
        assertThat(ids(PreferenceSlots.place(ranked, 5, 2)))
                .containsExactly("message0", "message1", "message2", "preference6", "preference8");
        assertThat(ids(PreferenceSlots.place(ranked, 5, 1)))
                .containsExactly("message0", "message1", "message2", "message3", "preference6");
        assertThat(ids(PreferenceSlots.place(ranked, 5, 0)))
                .containsExactly("message0", "message1", "message2", "message3", "message4");
    }

    @Test
    void aTopKThatHoldsPreferencesOrIsShortIsLeftAsItIs() {
        var ranked = ranking("preference", "message", "message", "message", "message", "message", "preference");
        assertThat(ids(PreferenceSlots.place(ranked, 5, 1)))
                .containsExactly("preference0", "message1", "message2", "message3", "message4");
        // k below 5: no room to give
        assertThat(ids(PreferenceSlots.place(ranking("message", "message", "preference"), 2, 1)))
                .containsExactly("message0", "message1");
        assertThat(PreferenceSlots.place(List.of(), 10, 2)).isEmpty();
    }
}
