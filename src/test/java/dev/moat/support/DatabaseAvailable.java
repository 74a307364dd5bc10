package dev.moat.support;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * On the PostgreSQL Surefire run, skips every {@code @QuarkusTest} when no PostgreSQL answers, or fails it when CI
 * requires one (MOAT_REQUIRE_POSTGRES=true). Registered for all tests of that run by JUnit's extension
 * auto-detection (the pom turns it on there; META-INF/services names this class); tests without Quarkus need no
 * database and always run.
 */
public final class DatabaseAvailable implements ExecutionCondition {

    private static final String QUARKUS_TEST = "io.quarkus.test.junit.QuarkusTest";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"postgresql".equals(System.getProperty("tests.database"))) {
            return ConditionEvaluationResult.enabled("runs on the embedded H2 database");
        }
        if (context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("decided once for the class"); // no probe per test method
        }
        if (context.getTestClass().map(DatabaseAvailable::needsNoDatabase).orElse(true)) {
            return ConditionEvaluationResult.enabled("starts no application: needs no database");
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
            return ConditionEvaluationResult.disabled("Skipped: " + why + "; set MOAT_REQUIRE_POSTGRES=true to fail,"
                    + " or run ./mvnw verify -Pwithout-postgresql for every test on H2");
        }
    }

    /** By name: Quarkus loads test classes in its own class loader, where the annotation is another Class. */
    private static boolean needsNoDatabase(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            for (Annotation annotation : c.getAnnotations()) {
                if (annotation.annotationType().getName().equals(QUARKUS_TEST)) {
                    return false;
                }
            }
        }
        return true;
    }
}
