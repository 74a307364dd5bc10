package dev.moat.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageCursorTest {

    @Test
    void roundTripsThroughItsToken() {
        PageCursor cursor = new PageCursor(Instant.parse("2024-05-01T10:11:12.345Z"), "abc-123");
        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void refusesATokenItDidNotMake() {
        assertThatThrownBy(() -> PageCursor.decode("!!!")).isInstanceOf(InvalidMemoryException.class);
        assertThatThrownBy(() -> PageCursor.decode("Zm9v")).hasMessageContaining("nextCursor");
    }
}
