package dev.moat.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The production setting, keys on, for the tests of keys and scoping. */
public class KeysOnProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("moat.auth.enabled", "true");
    }
}
