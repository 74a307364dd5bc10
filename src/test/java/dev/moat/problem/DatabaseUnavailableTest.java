package dev.moat.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database is out of reach" (503, retry) rather than a bug (500, incident). */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAnywhereInTheChainAreTheDatabaseBeingDown() {
        assertThat(ProblemMappers.databaseUnavailable(
                        new PersistenceException("could not open", new SQLException("Connection refused", "08001"))))
                .isTrue();
        assertThat(ProblemMappers.databaseUnavailable(
                        new RuntimeException(new SQLException("terminating connection", "57P01"))))
                .isTrue();
        assertThat(ProblemMappers.databaseUnavailable(new SQLTransientConnectionException("pool closed")))
                .isTrue();
        assertThat(ProblemMappers.databaseUnavailable(
                        new SQLException("Acquisition timeout while waiting for new connection")))
                .isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(ProblemMappers.databaseUnavailable(
                        new PersistenceException(new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(ProblemMappers.databaseUnavailable(new IllegalStateException("bug")))
                .isFalse();
    }
}
