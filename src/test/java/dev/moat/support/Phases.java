package dev.moat.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The instances of the tests that cross a restart, shared by all of them so Quarkus builds and starts three apps,
 * not two per pair. Quarkus runs each app's test classes together, apps in the order of their first class under
 * the secondary orderer the pom sets (JUnit's {@code @Order}): every {@link First} class (restart, provider swap,
 * passport prediction: phase 1, {@code @Order(1)}) before every {@link Second} (restart and swap: phase 2,
 * {@code @Order(2)}), then {@link Third} (the fresh instance a user moves to, {@code @Order(3)}). Phase 1 hands its
 * results to the later phases in system properties.
 */
public final class Phases {

    private Phases() {}

    /** Before the restart: the OpenAI stub is the default provider; the database is kept for phase 2. */
    public static final class First implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("moat.routing.default", "openai-stub", "quarkus.flyway.clean-at-start", "false");
        }
    }

    /** The same database after a restart, with another default provider. */
    public static final class Second implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("moat.routing.default", "anthropic-stub", "quarkus.flyway.clean-at-start", "false");
        }
    }

    /** A fresh instance: an empty database, another default provider than phase 1's. */
    public static final class Third implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("moat.routing.default", "anthropic-stub", "quarkus.flyway.clean-at-start", "true");
        }
    }
}
