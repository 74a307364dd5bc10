package dev.moat.user;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
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

    /**
     * Holds the user's row for the writes of this transaction, creating it when it is missing (forgotten since
     * UserRegistry.ensure): a share lock, so that one user's writes run side by side while a forget, which locks the row
     * for itself, waits for them and they for it. No memory is ever committed for a user a forget has passed.
     */
    public void holdForWrite(Owner owner, Instant now) {
        MoatUser user = getEntityManager().find(MoatUser.class, new MoatUser.Key(owner), LockModeType.PESSIMISTIC_READ);
        if (user == null) {
            user = new MoatUser();
            user.key = new MoatUser.Key(owner);
            user.createdAt = now;
            persist(user);
            flush();
        }
    }

    /** Locks the user's row until this transaction ends: writes of the user wait (holdForWrite). */
    public void lockForForget(Owner owner) {
        getEntityManager().find(MoatUser.class, new MoatUser.Key(owner), LockModeType.PESSIMISTIC_WRITE);
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
