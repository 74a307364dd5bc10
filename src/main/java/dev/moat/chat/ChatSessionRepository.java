package dev.moat.chat;

import dev.moat.user.Owner;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Chat sessions, each of one owner. */
@ApplicationScoped
@Transactional
public class ChatSessionRepository implements PanacheRepositoryBase<ChatSession, String> {

    static final String OWNED = "tenantId = ?1 and userId = ?2";

    /** The session, when it is this owner's; empty for another owner's, as for one that does not exist. */
    public Optional<ChatSession> find(Owner owner, String sessionId) {
        return findByIdOptional(sessionId)
                .filter(s -> s.tenantId.equals(owner.tenantId()) && s.userId.equals(owner.userId()));
    }

    /** Every session of the owner, in the given order. */
    public List<ChatSession> ofOwner(Owner owner, Sort sort) {
        return list(OWNED, sort, owner.tenantId(), owner.userId());
    }

    /** The owner's first sessions in the given order. */
    public List<ChatSession> ofOwner(Owner owner, Sort sort, int limit) {
        return find(OWNED, sort, owner.tenantId(), owner.userId())
                .page(0, limit)
                .list();
    }

    /** Creates a session of the owner, active since at. */
    public ChatSession create(Owner owner, String sessionId, Instant createdAt, Instant updatedAt) {
        ChatSession s = new ChatSession();
        s.id = sessionId;
        s.tenantId = owner.tenantId();
        s.userId = owner.userId();
        s.createdAt = createdAt;
        s.updatedAt = updatedAt;
        persist(s);
        return s;
    }

    void touch(String sessionId, Instant at) {
        update("updatedAt = ?1 where id = ?2", at, sessionId);
    }

    void deleteOwned(Owner owner) {
        delete(OWNED, owner.tenantId(), owner.userId());
    }
}
