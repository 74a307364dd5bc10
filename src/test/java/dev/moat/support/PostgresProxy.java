package dev.moat.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

/**
 * On the PostgreSQL run, the app reaches PostgreSQL through a {@link TcpProxy}, so a test can take the database
 * away and give it back ({@link #current}): this resource sets the app's JDBC URL (a system property would outrank
 * it, so the pom hands the server's URL over as {@code tests.postgres.url}). Global, like every Quarkus test resource
 * not restricted to its class, so every app of that run goes through the proxy (it is declared on
 * DatabaseOutageTest; without it the PostgreSQL run has no JDBC URL). On the embedded H2 run there is no network to
 * cut; it does nothing.
 */
public final class PostgresProxy implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpProxy current;

    /** The PostgreSQL server of the PostgreSQL run (the pom's tests.postgres.url). */
    public static String postgresUrl() {
        return System.getProperty("tests.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    /** Host and port of that server. */
    public static InetSocketAddress postgresAddress() {
        URI uri = URI.create(postgresUrl().substring("jdbc:".length()));
        return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
    }

    /** The proxy of the running app, or null on H2. */
    public static TcpProxy current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        if (!"postgresql".equals(System.getProperty("tests.database"))) {
            return Map.of();
        }
        URI uri = URI.create(postgresUrl().substring("jdbc:".length()));
        InetSocketAddress server = postgresAddress();
        try {
            current = new TcpProxy(server.getHostString(), server.getPort());
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a local port for the PostgreSQL proxy", e);
        }
        String proxied = "jdbc:postgresql://127.0.0.1:" + current.port() + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return Map.of("quarkus.datasource.jdbc.url", proxied);
    }

    @Override
    public void stop() {
        try {
            if (current != null) {
                current.close();
            }
        } catch (IOException e) {
            // the app is gone anyway
        }
        current = null;
    }
}
