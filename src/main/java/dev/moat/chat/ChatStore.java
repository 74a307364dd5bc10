package dev.moat.chat;

import dev.moat.memory.Owner;
import dev.moat.memory.UserForgotten;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Sessions and transcripts in the database. */
@ApplicationScoped
@Transactional
public class ChatStore {

    private final EntityManager em;

    public ChatStore(EntityManager em) {
        this.em = em;
    }

    public Optional<ChatSession> find(Owner owner, String sessionId) {
        ChatSession s = em.find(ChatSession.class, sessionId);
        return s != null && s.tenantId.equals(owner.tenantId()) && s.userId.equals(owner.userId())
                ? Optional.of(s)
                : Optional.empty();
    }

    /** The user's message as the next transcript entry, creating the session first when it is new: one commit. */
    public void recordUserTurn(
            Owner owner, String sessionId, boolean newSession, String text, String memoryId, Instant at) {
        if (newSession) {
            ChatSession s = new ChatSession();
            s.id = sessionId;
            s.tenantId = owner.tenantId();
            s.userId = owner.userId();
            s.createdAt = at;
            s.updatedAt = at;
            em.persist(s);
        }
        append(owner, sessionId, TranscriptMessage.Role.USER, text, null, null, memoryId, at);
    }

    public TranscriptMessage append(
            Owner owner,
            String sessionId,
            TranscriptMessage.Role role,
            String text,
            String provider,
            String model,
            String memoryId,
            Instant at) {
        TranscriptMessage m = new TranscriptMessage();
        m.sessionId = sessionId;
        m.tenantId = owner.tenantId();
        m.userId = owner.userId();
        m.role = role;
        m.text = text;
        m.provider = provider;
        m.model = model;
        m.memoryId = memoryId;
        m.at = at;
        em.persist(m);
        em.createQuery("update ChatSession s set s.updatedAt = :at where s.id = :id")
                .setParameter("at", at)
                .setParameter("id", sessionId)
                .executeUpdate();
        return m;
    }

    /** The last {@code limit} messages of a session, oldest first. */
    public List<TranscriptMessage> recent(String sessionId, int limit) {
        List<TranscriptMessage> newest = em.createQuery(
                        "from TranscriptMessage m where m.sessionId = :s order by m.id desc", TranscriptMessage.class)
                .setParameter("s", sessionId)
                .setMaxResults(limit)
                .getResultList();
        List<TranscriptMessage> ordered = new ArrayList<>(newest);
        Collections.reverse(ordered);
        return ordered;
    }

    public List<TranscriptMessage> transcript(String sessionId) {
        return em.createQuery("from TranscriptMessage m where m.sessionId = :s order by m.id", TranscriptMessage.class)
                .setParameter("s", sessionId)
                .getResultList();
    }

    /** The owner's sessions, most recently active first. */
    public List<ChatSession> sessions(Owner owner, int limit) {
        return em.createQuery(
                        "from ChatSession s where s.tenantId = :t and s.userId = :u order by s.updatedAt desc, s.id",
                        ChatSession.class)
                .setParameter("t", owner.tenantId())
                .setParameter("u", owner.userId())
                .setMaxResults(limit)
                .getResultList();
    }

    /** Deletes the user's sessions and transcripts, in the transaction that forgets the user. */
    void onForget(@Observes UserForgotten event) {
        Owner owner = event.owner();
        for (String entity : List.of("TranscriptMessage", "ChatSession")) {
            em.createQuery("delete from " + entity + " x where x.tenantId = :t and x.userId = :u")
                    .setParameter("t", owner.tenantId())
                    .setParameter("u", owner.userId())
                    .executeUpdate();
        }
    }
}
