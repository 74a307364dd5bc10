package dev.moat.user;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one way a user row comes into being or goes: first writes of one user, from any feature and any instance, never
 * both insert it (the loser of a race finds the winner's row), and a user being forgotten is not re-created half-way
 * (the writes' transactions hold the row: UserRepository.holdForWrite). Users known to exist are remembered here; a
 * user another instance forgot is re-created by the next write's holdForWrite.
 */
@ApplicationScoped
public class UserRegistry {

    private static final int STRIPES = 64;

    private final UserRepository store;
    private final Object[] stripes = new Object[STRIPES];
    private final Set<Owner> known = ConcurrentHashMap.newKeySet();

    public UserRegistry(UserRepository store) {
        this.store = store;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** Makes sure the user row exists, committed in a transaction of its own, whatever the caller's. */
    public void ensure(Owner owner) {
        if (known.contains(owner)) {
            return;
        }
        synchronized (stripe(owner)) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            try {
                QuarkusTransaction.requiringNew().run(() -> store.ensure(owner, now));
            } catch (RuntimeException e) {
                // Another instance inserted the row between our read and our insert: it exists, as wanted.
                if (QuarkusTransaction.requiringNew()
                        .call(() -> store.find(owner))
                        .isEmpty()) {
                    throw e;
                }
            }
            known.add(owner);
        }
    }

    /** Runs the deletion of a user with their first writes held off. */
    public <T> T forget(Owner owner, Supplier<T> deletion) {
        synchronized (stripe(owner)) {
            try {
                return deletion.get();
            } finally {
                known.remove(owner);
            }
        }
    }

    private Object stripe(Owner owner) {
        return stripes[Math.floorMod(owner.hashCode(), STRIPES)];
    }
}
