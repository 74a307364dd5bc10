package dev.moat.memory;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Two profiles, so Quarkus stops and starts again between {@link RestartPhase1Test} and {@link RestartPhase2Test}
 * (it orders test classes by profile and by name, so phase 1 runs first). Neither cleans the database at start.
 */
public final class RestartProfiles {

    private RestartProfiles() {}

    /** The user whose memories cross the restart, handed from the first run to the second. */
    static final String USER_PROPERTY = "tests.restart.user";

    public static final class First implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.flyway.clean-at-start", "false");
        }
    }

    public static final class Second implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.flyway.clean-at-start", "false");
        }
    }
}
