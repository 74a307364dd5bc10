package dev.moat.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.memory.MemoryKind;
import dev.moat.memory.MemoryView;
import dev.moat.memory.SlotChange;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A statement against the memory that holds for its slot: merged, superseding, or already superseded. */
class ConsolidationTest {

    private static Optional<MemoryView> holding(String text, String at) {
        return Optional.of(new MemoryView(
                "m1", "ana", text, MemoryKind.FACT, Instant.parse(at), null, null, null, null, null, null, null, null));
    }

    @Test
    void decidesByTextAndTime() {
        Instant may = Instant.parse("2023-05-08T00:00:00Z");
        assertThat(Consolidation.decide("Ana lives in Porto", may, Optional.empty()))
                .isEqualTo(SlotChange.ADD);
        assertThat(Consolidation.decide(
                        "ana lives in  Porto.", may, holding("Ana lives in Porto", "2023-01-01T00:00:00Z")))
                .isEqualTo(SlotChange.MERGE);
        // the date a sentence's time words gave is not part of the statement
        assertThat(Consolidation.decide(
                        "The user lives in Porto",
                        may,
                        holding("The user lives in Porto (29 April 2023)", "2023-04-29T00:00:00Z")))
                .isEqualTo(SlotChange.MERGE);
        assertThat(Consolidation.decide(
                        "Ana lives in Lisbon", may, holding("Ana lives in Porto", "2023-01-01T00:00:00Z")))
                .isEqualTo(SlotChange.ADD_SUPERSEDING);
        assertThat(Consolidation.decide(
                        "Ana lives in Lisbon", may, holding("Ana lives in Porto", "2023-09-01T00:00:00Z")))
                .isEqualTo(SlotChange.ADD_SUPERSEDED);
    }
}
