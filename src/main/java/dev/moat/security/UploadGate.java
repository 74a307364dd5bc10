package dev.moat.security;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a large upload may be received before the request reaches the auth filter: only from a key that may act
 * for the user it names, so that no one else can fill the server's disk. The filter still checks the request after
 * (rate limit included) and answers a refused one.
 */
@ApplicationScoped
public class UploadGate {

    private final KeyService keys;
    private final AuthConfig config;

    public UploadGate(KeyService keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** True when the headers' key is live and may act for the user (always, with auth off). */
    public boolean mayUpload(String authorization, String xApiKey, String userId) {
        if (!config.enabled()) {
            return true;
        }
        return keys.authenticate(AuthFilter.apiKey(authorization, xApiKey))
                .filter(c -> c.role() != Role.USER || c.userId().equals(userId))
                .isPresent();
    }
}
