package dev.moat.portability;

import dev.moat.chat.ChatSessionRepository;
import dev.moat.memory.MemoryRepository;
import dev.moat.user.Owner;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The ids an imported memory or session takes here: its own, unless another user of this instance holds it, then a
 * name-based UUID of the owner and the id, the same on every import of the document.
 */
@ApplicationScoped
@Transactional
public class LocalIds {

    /** Who holds an id: the row's id and owner. */
    public record Holder(String id, String tenantId, String userId) {}

    private final MemoryRepository memoryRows;
    private final ChatSessionRepository sessionRows;

    public LocalIds(MemoryRepository memoryRows, ChatSessionRepository sessionRows) {
        this.memoryRows = memoryRows;
        this.sessionRows = sessionRows;
    }

    /** Local ids of a passport's memories and sessions, and which of those memories are here already. */
    public record Ids(Map<String, String> memories, Map<String, String> sessions, Set<String> present) {}

    /**
     * Maps each id to itself, unless another user holds it: then to an id derived from the owner and the id, so that
     * importing the same document again finds what the first import added.
     */
    public Ids map(Owner owner, Collection<String> memoryIds, Collection<String> sessionIds) {
        Map<String, String> memories = map(owner, memoryIds, memoryRows);
        Map<String, String> sessions = map(owner, sessionIds, sessionRows);
        Set<String> present =
                new HashSet<>(owners(memoryRows, memories.values()).keySet());
        return new Ids(memories, sessions, present);
    }

    private Map<String, String> map(Owner owner, Collection<String> ids, PanacheRepositoryBase<?, String> rows) {
        Map<String, Owner> holders = owners(rows, ids);
        Map<String, String> local = new HashMap<>();
        for (String id : ids) {
            Owner holder = holders.get(id);
            local.put(id, holder == null || holder.equals(owner) ? id : derivedId(owner, id));
        }
        return local;
    }

    /** The owners of those of the ids that exist. */
    private Map<String, Owner> owners(PanacheRepositoryBase<?, String> rows, Collection<String> ids) {
        Map<String, Owner> owners = new HashMap<>();
        List<String> all = List.copyOf(new HashSet<>(ids));
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            rows.find("id in ?1", chunk)
                    .project(Holder.class)
                    .list()
                    .forEach(h -> owners.put(h.id(), new Owner(h.tenantId(), h.userId())));
        }
        return owners;
    }

    static String derivedId(Owner owner, String id) {
        String key = owner.tenantId() + '\u0000' + owner.userId() + '\u0000' + id;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
