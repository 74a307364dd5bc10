package dev.moat.chat;

import dev.moat.user.Owner;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The messages of sessions, in the order they were said (their id). */
@ApplicationScoped
@Transactional
public class TranscriptRepository implements PanacheRepositoryBase<TranscriptMessage, Long> {

    /** The last {@code limit} messages of a session, oldest first. */
    public List<TranscriptMessage> recent(String sessionId, int limit) {
        List<TranscriptMessage> newest = find("sessionId", Sort.descending("id"), sessionId)
                .page(0, limit)
                .list();
        List<TranscriptMessage> ordered = new ArrayList<>(newest);
        Collections.reverse(ordered);
        return ordered;
    }

    /** A session's whole transcript, oldest first. */
    public List<TranscriptMessage> transcript(String sessionId) {
        return list("sessionId", Sort.ascending("id"), sessionId);
    }

    /** Every message of the owner, by session and then in order. */
    public List<TranscriptMessage> ofOwner(Owner owner) {
        return list(ChatSessionRepository.OWNED, Sort.ascending("sessionId", "id"), owner.tenantId(), owner.userId());
    }

    void deleteOwned(Owner owner) {
        delete(ChatSessionRepository.OWNED, owner.tenantId(), owner.userId());
    }
}
