package dev.moat.memory.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.moat.index.IndexConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * A second instance with the embedded index on the same PostgreSQL refuses to start: the running one holds the
 * database's advisory lock, and a second claim (another connection, as another process would have) is refused
 * with what to set instead.
 */
@QuarkusTest
class EmbeddedIndexGuardTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IndexConfig config;

    @Test
    void aSecondEmbeddedInstanceOnTheDatabaseIsRefused() throws Exception {
        assumeTrue(
                "postgresql".equals(System.getProperty("tests.database")),
                "H2 admits one process by its file lock; the advisory lock is PostgreSQL's");
        try (Connection other = dataSource.getConnection();
                PreparedStatement s = other.prepareStatement("select pg_try_advisory_lock(?)")) {
            s.setLong(1, EmbeddedIndexGuard.LOCK_KEY);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getBoolean(1))
                        .as("the running instance holds the lock")
                        .isFalse();
            }
        }
        EmbeddedIndexGuard second = new EmbeddedIndexGuard(dataSource, config);
        assertThatThrownBy(second::claim)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Another Moat instance uses this database")
                .hasMessageContaining("moat.index.backend=opensearch");
    }
}
