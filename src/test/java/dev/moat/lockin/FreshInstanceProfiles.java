package dev.moat.lockin;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Two instances for {@link PredictionPhase1Test} and {@link PredictionPhase2Test}: Quarkus restarts between the
 * profiles (ordered by name, First before Second). The second starts from an empty database, with another default
 * provider: the fresh instance a user moves to.
 */
public final class FreshInstanceProfiles {

    private FreshInstanceProfiles() {}

    static final String USER = "tests.prediction.user";
    static final String PASSPORT = "tests.prediction.passport";
    static final String PREDICTED = "tests.prediction.recall";

    public static final class First implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("moat.routing.default", "offline");
        }
    }

    public static final class Second implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("moat.routing.default", "anthropic-stub", "quarkus.flyway.clean-at-start", "true");
        }
    }
}
