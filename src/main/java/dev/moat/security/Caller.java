package dev.moat.security;

import dev.moat.problem.ProblemException;
import dev.moat.user.Owner;

/**
 * Who is calling, as their key says: a tenant, a role and, for a user key, the one user it may act for. Every
 * user-scoped request turns its path's user id into an {@link Owner} through {@link #owner}, so scoping happens in
 * one place.
 */
public record Caller(String tenantId, Role role, String userId, String keyId) {

    /** The caller when keys are off: an admin of the default tenant. */
    public static final Caller OPEN = new Caller(Owner.DEFAULT_TENANT, Role.ADMIN, null, null);

    /**
     * The user in the caller's tenant. A user key naming anyone but its own user gets 404, the answer for a user that
     * does not exist, so it learns nothing about who does.
     */
    public Owner owner(String requestedUserId) {
        if (role == Role.USER && !userId.equals(requestedUserId)) {
            throw ProblemException.notFound("no user '" + requestedUserId + "'");
        }
        return new Owner(tenantId, requestedUserId);
    }

    /** 403 unless the key is an admin key. */
    public void requireAdmin() {
        if (role != Role.ADMIN) {
            throw new ProblemException(403, "Forbidden", "this needs an admin key; a user key acts for its user only");
        }
    }
}
