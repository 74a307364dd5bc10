package dev.moat.chat;

import dev.moat.user.Owner;
import dev.moat.user.UserForgotten;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sessions and transcripts in the database: each turn written with its session's activity time, in the caller's
 * transaction when there is one (a chat's: the message's memory, the reply's provider call), else its own.
 */
@ApplicationScoped
@Transactional
public class ChatStore {

    private final ChatSessionRepository sessions;
    private final TranscriptRepository transcripts;

    public ChatStore(ChatSessionRepository sessions, TranscriptRepository transcripts) {
        this.sessions = sessions;
        this.transcripts = transcripts;
    }

    public Optional<ChatSession> find(Owner owner, String sessionId) {
        return sessions.find(owner, sessionId);
    }

    /** The user's message as the next transcript entry, creating the session first when it is new. */
    public void recordUserTurn(
            Owner owner, String sessionId, boolean newSession, String text, String memoryId, Instant at) {
        if (newSession) {
            sessions.create(owner, sessionId, at, at);
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
        transcripts.persist(m);
        sessions.touch(sessionId, at);
        return m;
    }

    /** The last {@code limit} messages of a session, oldest first. */
    public List<TranscriptMessage> recent(String sessionId, int limit) {
        return transcripts.recent(sessionId, limit);
    }

    public List<TranscriptMessage> transcript(String sessionId) {
        return transcripts.transcript(sessionId);
    }

    /** The owner's sessions, most recently active first. */
    public List<ChatSession> sessions(Owner owner, int limit) {
        return sessions.ofOwner(owner, Sort.descending("updatedAt").and("id"), limit);
    }

    /** Deletes the user's sessions and transcripts, in the transaction that forgets the user. */
    void onForget(@Observes UserForgotten event) {
        transcripts.deleteOwned(event.owner());
        sessions.deleteOwned(event.owner());
    }
}
