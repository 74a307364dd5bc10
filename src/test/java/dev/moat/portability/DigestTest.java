package dev.moat.portability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.memory.MemoryKind;
import dev.moat.memory.Provenance;
import dev.moat.provider.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a digest keeps as its budget shrinks, and in which order. */
class DigestTest {

    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

    private static Passport.PassportMemory memory(
            String id, String text, MemoryKind kind, String at, List<String> sources, Instant validTo) {
        return new Passport.PassportMemory(
                id,
                text,
                kind,
                Instant.parse(at),
                null,
                null,
                null,
                Map.of(),
                sources == null ? null : new Provenance(sources, "moat", "rules"),
                null,
                null,
                validTo);
    }

    /** 40 messages a day apart, the 2nd and the 7th each the source of a fact; the first fact superseded; a note. */
    private static Passport passport() {
        List<Passport.PassportMemory> memories = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            memories.add(memory(
                    "m" + i,
                    "Message number " + i + " about the garden and the weather that week",
                    MemoryKind.MESSAGE,
                    Instant.parse("2024-01-01T10:00:00Z")
                            .plusSeconds(86_400L * i)
                            .toString(),
                    null,
                    null));
        }
        memories.add(
                memory("f1", "The user lives in Porto", MemoryKind.FACT, "2024-01-07T10:00:00Z", List.of("m6"), null));
        memories.add(memory(
                "f0",
                "The user lives in Lisbon",
                MemoryKind.FACT,
                "2024-01-02T10:00:00Z",
                List.of("m1"),
                Instant.parse("2024-01-07T10:00:00Z")));
        memories.add(memory("n1", "Allergic to cats", MemoryKind.NOTE, "2024-01-03T10:00:00Z", null, null));
        return new Passport(
                Passport.FORMAT,
                Passport.VERSION,
                NOW,
                new Passport.User("ada", null, null),
                List.of(),
                memories,
                List.of());
    }

    @Test
    void whatHoldsComesFirstThenTheMostDrawnOnMessageThenTheNewest() {
        Digest digest = Digest.of(passport(), 200, NOW);
        List<String> ids = digest.lines().stream().map(Digest.Line::memoryId).toList();
        // m6 and m1 were each drawn on once (m1 by the fact since superseded), m6 the newer
        assertThat(ids.subList(0, 5)).containsExactly("f1", "n1", "m6", "m1", "m39");
        assertThat(ids).doesNotContain("f0").contains("m38");
        assertThat(digest.tokens()).isLessThanOrEqualTo(200).isEqualTo(Tokens.count(digest.text()));
        assertThat(digest.text())
                .contains("- [2024-01-07] The user lives in Porto")
                .doesNotContain("Lisbon");
    }

    @Test
    void aLargerBudgetKeepsMoreAndNeverGoesOverIt() {
        int previous = 0;
        for (int budget : new int[] {100, 300, 1_000, 4_000}) {
            Digest digest = Digest.of(passport(), budget, NOW);
            assertThat(Tokens.count(digest.text())).isLessThanOrEqualTo(budget);
            assertThat(digest.lines().size()).isGreaterThanOrEqualTo(previous);
            previous = digest.lines().size();
        }
        // everything fits in 4,000: the 40 messages, the fact and the note that hold
        assertThat(previous).isEqualTo(42);
    }
}
