package dev.moat.provider;

import dev.moat.memory.MemoryUser;
import dev.moat.memory.Owner;
import dev.moat.memory.UserForgotten;
import dev.moat.memory.UserRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Provider state kept in the database: users' pinned providers and the record of every call. */
@ApplicationScoped
@Transactional
public class ProviderStore {

    private final EntityManager em;
    private final UserRegistry users;

    public ProviderStore(EntityManager em, UserRegistry users) {
        this.em = em;
        this.users = users;
    }

    public Optional<String> pinned(Owner owner) {
        MemoryUser user = em.find(MemoryUser.class, new MemoryUser.Key(owner));
        return user == null ? Optional.empty() : Optional.ofNullable(user.provider);
    }

    /** Pins a provider (null unpins), creating the user if they have no memory yet. */
    public void pin(Owner owner, String provider) {
        users.ensure(owner);
        em.find(MemoryUser.class, new MemoryUser.Key(owner)).provider = provider;
    }

    /** Deletes the user's call records, in the transaction that forgets the user. */
    void onForget(@Observes UserForgotten event) {
        em.createQuery("delete from ProviderCall c where c.tenantId = :t and c.userId = :u")
                .setParameter("t", event.owner().tenantId())
                .setParameter("u", event.owner().userId())
                .executeUpdate();
    }

    public void record(ProviderCall call) {
        em.persist(call);
    }
}
