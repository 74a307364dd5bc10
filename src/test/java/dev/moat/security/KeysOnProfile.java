package dev.moat.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The production setting, keys on, for the tests of keys and scoping; a lower rate limit a test can reach. */
public class KeysOnProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("moat.auth.enabled", "true", "moat.auth.rate-per-second", "20", "moat.auth.burst", "60");
    }
}
