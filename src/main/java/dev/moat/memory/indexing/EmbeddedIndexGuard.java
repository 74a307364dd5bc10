package dev.moat.memory.indexing;

import dev.moat.index.IndexConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * One instance with the embedded index per database, and never beside instances on a shared index: either would
 * keep an index the other's writes never reach. The later one refuses to start and says what to set. The claim is a
 * PostgreSQL advisory lock held by a connection of this process, so it goes when the process does, even killed:
 * exclusive for the embedded index, shared for instances on OpenSearch. H2 needs none: its file admits one process.
 */
@ApplicationScoped
public class EmbeddedIndexGuard {

    private static final Logger LOG = Logger.getLogger(EmbeddedIndexGuard.class);
    /** "moat" in ASCII: the advisory lock's key, in whatever database Moat uses. */
    static final long LOCK_KEY = 0x6d6f6174L;

    private final AgroalDataSource dataSource;
    private final IndexConfig config;
    private Connection holder;

    public EmbeddedIndexGuard(AgroalDataSource dataSource, IndexConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) throws SQLException {
        claim();
    }

    /** Takes the database for this instance's embedded index; refuses when another instance holds it. */
    synchronized void claim() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                c.close();
                return;
            }
            boolean taken;
            String lock = config.shared() ? "pg_try_advisory_lock_shared" : "pg_try_advisory_lock";
            try (PreparedStatement s = c.prepareStatement("select " + lock + "(?)")) {
                s.setLong(1, LOCK_KEY);
                try (ResultSet r = s.executeQuery()) {
                    taken = r.next() && r.getBoolean(1);
                }
            }
            if (!taken && config.shared()) {
                throw new IllegalStateException("A Moat instance with the embedded index uses this database: its"
                        + " index would miss this instance's writes. Stop it, or start it too with"
                        + " moat.index.backend=opensearch (docs/SCALING.md).");
            }
            if (!taken) {
                throw new IllegalStateException("Another Moat instance uses this database (with the embedded index,"
                        + " or on OpenSearch): the index of each would miss the other's writes. Stop it, or run every"
                        + " instance on a shared index: moat.index.backend=opensearch with moat.opensearch.url"
                        + " (docs/SCALING.md).");
            }
            holder = c;
        } catch (SQLException | RuntimeException e) {
            if (holder != c) {
                c.close();
            }
            throw e;
        }
    }

    @PreDestroy
    synchronized void release() {
        if (holder == null) {
            return;
        }
        String unlock = config.shared() ? "pg_advisory_unlock_shared" : "pg_advisory_unlock";
        try (Connection c = holder;
                PreparedStatement s = c.prepareStatement("select " + unlock + "(?)")) {
            s.setLong(1, LOCK_KEY);
            s.execute();
        } catch (SQLException e) {
            LOG.debugf("Releasing the embedded index's claim on the database: %s", e.getMessage());
        } finally {
            holder = null;
        }
    }
}
