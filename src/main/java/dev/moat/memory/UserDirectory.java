package dev.moat.memory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The users of a tenant, for the dashboard and for clean-ups: who they are and how much each remembers. */
@ApplicationScoped
@Transactional
public class UserDirectory {

    private final EntityManager em;

    public UserDirectory(EntityManager em) {
        this.em = em;
    }

    /** A user and the size of their memory: memories, and the time of the latest. */
    public record UserSummary(String userId, long memories, Instant lastOccurredAt) {}

    /** The tenant's users in id order, from the first after {@code after} (null: the start), at most limit. */
    public List<UserSummary> users(String tenantId, String after, int limit) {
        return em
                .createQuery(
                        "select u.key.userId, count(m.id), max(m.occurredAt) from MemoryUser u left join Memory m"
                                + " on m.tenantId = u.key.tenantId and m.userId = u.key.userId"
                                + " where u.key.tenantId = :t and u.key.userId > :after"
                                + " group by u.key.userId order by u.key.userId",
                        Object[].class)
                .setParameter("t", tenantId)
                .setParameter("after", after == null ? "" : after)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(r -> new UserSummary((String) r[0], (Long) r[1], (Instant) r[2]))
                .toList();
    }

    /** Whether Moat knows the user: they have a row, with or without memories left. */
    public boolean exists(Owner owner) {
        return em.find(MemoryUser.class, new MemoryUser.Key(owner)) != null;
    }

    /** Every user of every tenant whose id starts with the prefix (a literal: no % or _ in it). */
    public List<Owner> ownersInTenants(String tenantPrefix) {
        return em
                .createQuery(
                        "select u.key.tenantId, u.key.userId from MemoryUser u where u.key.tenantId like :p"
                                + " order by u.key.tenantId, u.key.userId",
                        Object[].class)
                .setParameter("p", tenantPrefix + "%")
                .getResultList()
                .stream()
                .map(r -> new Owner((String) r[0], (String) r[1]))
                .toList();
    }
}
