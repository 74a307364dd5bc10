package dev.moat.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips persistence tests meant for PostgreSQL when none answers, or fails them when CI requires one. */
public final class DatabaseAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"postgresql".equals(System.getProperty("tests.database"))) {
            return ConditionEvaluationResult.enabled("runs on the embedded H2 database");
        }
        InetSocketAddress server = PostgresProxy.postgresAddress();
        String where = server.getHostString() + ":" + server.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHostString(), server.getPort()), 2000);
            return ConditionEvaluationResult.enabled("PostgreSQL answers at " + where);
        } catch (IOException e) {
            String why = "no PostgreSQL answers at " + where + " (" + e.getMessage() + ")";
            if (Boolean.parseBoolean(System.getenv("MOAT_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException(why + ", and MOAT_REQUIRE_POSTGRES=true makes these tests mandatory");
            }
            return ConditionEvaluationResult.disabled("Skipped: " + why + "; set MOAT_REQUIRE_POSTGRES=true to fail");
        }
    }
}
