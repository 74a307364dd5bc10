package dev.moat.user;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The user rows: who exists in which tenant, since when, and their pinned provider. */
@ApplicationScoped
@Transactional
public class UserRepository implements PanacheRepositoryBase<MoatUser, MoatUser.Key> {

    public Optional<MoatUser> find(Owner owner) {
        return findByIdOptional(new MoatUser.Key(owner));
    }

    /** Creates the user row if there is none; true when it was created. Only UserRegistry calls it, under its lock. */
    boolean ensure(Owner owner, Instant now) {
        if (find(owner).isPresent()) {
            return false;
        }
        MoatUser user = new MoatUser();
        user.key = new MoatUser.Key(owner);
        user.createdAt = now;
        persist(user);
        return true;
    }

    /** Deletes the user's row; what other features keep of them goes through {@link UserForgotten}. */
    public void remove(Owner owner) {
        delete("key.tenantId = ?1 and key.userId = ?2", owner.tenantId(), owner.userId());
    }

    /** Every user of every tenant whose id starts with the prefix (a literal: no % or _ in it). */
    public List<Owner> ownersInTenants(String tenantPrefix) {
        return find("key.tenantId like ?1 order by key.tenantId, key.userId", tenantPrefix + "%").stream()
                .map(u -> new Owner(u.key.tenantId, u.key.userId))
                .toList();
    }
}
