package dev.moat.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A statement against the memory that holds for its slot: merged, superseding, or already superseded. */
class ConsolidationTest {

    private static Optional<Memory> holding(String text, String at) {
        Memory m = new Memory();
        m.text = text;
        m.occurredAt = Instant.parse(at);
        return Optional.of(m);
    }

    @Test
    void decidesByTextAndTime() {
        Instant may = Instant.parse("2023-05-08T00:00:00Z");
        assertThat(Consolidation.decide("Ana lives in Porto", may, Optional.empty()))
                .isEqualTo(Consolidation.Action.ADD);
        assertThat(Consolidation.decide(
                        "ana lives in  Porto.", may, holding("Ana lives in Porto", "2023-01-01T00:00:00Z")))
                .isEqualTo(Consolidation.Action.MERGE);
        // the date a sentence's time words gave is not part of the statement
        assertThat(Consolidation.decide(
                        "The user lives in Porto",
                        may,
                        holding("The user lives in Porto (29 April 2023)", "2023-04-29T00:00:00Z")))
                .isEqualTo(Consolidation.Action.MERGE);
        assertThat(Consolidation.decide(
                        "Ana lives in Lisbon", may, holding("Ana lives in Porto", "2023-01-01T00:00:00Z")))
                .isEqualTo(Consolidation.Action.ADD_SUPERSEDING);
        assertThat(Consolidation.decide(
                        "Ana lives in Lisbon", may, holding("Ana lives in Porto", "2023-09-01T00:00:00Z")))
                .isEqualTo(Consolidation.Action.ADD_SUPERSEDED);
    }
}
