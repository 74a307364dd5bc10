package dev.moat.memory;

import dev.moat.problem.ProblemException;
import dev.moat.user.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Reads a user's memories from the database, the truth: one memory, a page, a history, the counts. */
@ApplicationScoped
public class MemoryQueryService {

    private final MemoryRepository rows;
    private final MemoryEventRepository history;
    private final MemoryJson json;

    public MemoryQueryService(MemoryRepository rows, MemoryEventRepository history, MemoryJson json) {
        this.rows = rows;
        this.history = history;
        this.json = json;
    }

    public Optional<MemoryView> get(Owner owner, String id) {
        return rows.find(owner, id).map(json::view);
    }

    /** A page of limit memories (1..MemoryLimits.MAX_PAGE: else 400), newest first, after the cursor. */
    public MemoryPage list(Owner owner, int limit, String cursor) {
        if (limit < 1 || limit > MemoryLimits.MAX_PAGE) {
            throw ProblemException.badRequest("limit must lie in 1.." + MemoryLimits.MAX_PAGE + ", got " + limit);
        }
        PageCursor after = cursor == null || cursor.isBlank() ? null : PageCursor.decode(cursor);
        List<Memory> page = rows.page(owner, after, limit + 1);
        List<MemoryView> items = page.stream().limit(limit).map(json::view).toList();
        String next = null;
        if (page.size() > limit) {
            MemoryView last = items.get(items.size() - 1);
            next = new PageCursor(last.occurredAt(), last.id()).encode();
        }
        return new MemoryPage(items, next);
    }

    public Optional<MemoryHistory> history(Owner owner, String memoryId) {
        List<MemoryEvent> events = history.history(owner, memoryId);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MemoryHistory(
                memoryId,
                events.stream()
                        .map(e -> new MemoryHistory.Event(
                                e.id, e.type, e.at, json.fromSnapshot(e.before), json.fromSnapshot(e.after)))
                        .toList()));
    }

    public UserStats stats(Owner owner) {
        return rows.stats(owner);
    }

    /** The tenant's users in id order, from the first after {@code after} (null: the start), at most limit. */
    public List<UserSummary> users(String tenantId, String after, int limit) {
        return rows.users(tenantId, after, limit);
    }
}
