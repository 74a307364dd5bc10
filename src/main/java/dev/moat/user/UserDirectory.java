package dev.moat.user;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Who Moat knows, for the features that list or clean up users without reading their memory. */
@ApplicationScoped
public class UserDirectory {

    private final UserRepository users;

    public UserDirectory(UserRepository users) {
        this.users = users;
    }

    /** Whether Moat knows the user: they have a row, with or without memories left. */
    public boolean exists(Owner owner) {
        return users.find(owner).isPresent();
    }

    /** Every user of every tenant whose id starts with the prefix (a literal: no % or _ in it). */
    public List<Owner> ownersInTenants(String tenantPrefix) {
        return users.ownersInTenants(tenantPrefix);
    }
}
