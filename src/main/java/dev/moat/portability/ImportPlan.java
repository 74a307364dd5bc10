package dev.moat.portability;

import dev.moat.chat.TranscriptMessage;
import dev.moat.memory.Memory;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The rows an import will write, worked out (ids mapped, embeddings computed) before its one transaction begins.
 *
 * @param memories memories missing here
 * @param history the passport's history, in its order, under local memory ids
 * @param deleted local ids of memories the passport holds history of but no longer the memory
 * @param skippedMemories passport memories already here
 * @param userSince when the passport says Moat first saw the user, or null
 */
public record ImportPlan(
        List<Memory> memories,
        List<LocalEvent> history,
        Set<String> deleted,
        List<SessionRows> sessions,
        int skippedMemories,
        Instant userSince) {

    /** A passport event, for the memory of this local id. */
    public record LocalEvent(String memoryId, Passport.Event event) {}

    public record SessionRows(String id, Instant createdAt, Instant updatedAt, List<TranscriptMessage> messages) {}
}
