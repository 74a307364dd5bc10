package dev.moat.user;

import java.util.Objects;
import java.util.regex.Pattern;

/** Whose memory: a user inside a tenant. Every read and write of a memory names one. */
public record Owner(String tenantId, String userId) {

    /** The tenant every user lives in until API keys give tenants of their own. */
    public static final String DEFAULT_TENANT = "default";

    /** Letters, digits and {@code . _ @ : -}, starting with a letter or digit, at most 128 characters. */
    public static final String USER_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}";

    private static final Pattern USER_ID = Pattern.compile(USER_ID_PATTERN);

    public Owner {
        Objects.requireNonNull(tenantId, "tenantId");
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw new IllegalArgumentException("invalid userId '" + userId + "': expected " + USER_ID_PATTERN);
        }
    }

    public static Owner of(String userId) {
        return new Owner(DEFAULT_TENANT, userId);
    }
}
