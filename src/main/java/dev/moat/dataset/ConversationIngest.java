package dev.moat.dataset;

import dev.moat.memory.MemoryService;
import dev.moat.memory.MemoryView;
import dev.moat.user.Owner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/** A data set's turns into a user's memory, the way benchmarks and experiments replay them. */
public final class ConversationIngest {

    /** Turns added per call: large enough for batched embedding, small enough to show progress. */
    private static final int BATCH = 256;

    private ConversationIngest() {}

    /** The user a conversation is replayed as: its id made a valid user id, after the prefix. */
    public static String userId(String prefix, Conversation c) {
        String id = (prefix + c.id()).replaceAll("[^A-Za-z0-9._@:-]", "_");
        return Character.isLetterOrDigit(id.charAt(0)) ? id : "u" + id;
    }

    /**
     * Adds the turns as message memories, in batches, each searchable when its batch returns; afterBatch gets the
     * number of turns added so far. Returns the memory id of each turn by its dia_id (message id).
     */
    public static Map<String, String> add(
            MemoryService memories, Owner owner, List<Conversation.Turn> turns, IntConsumer afterBatch) {
        Map<String, String> memoryOf = new HashMap<>();
        for (int from = 0; from < turns.size(); from += BATCH) {
            List<Conversation.Turn> batch = turns.subList(from, Math.min(turns.size(), from + BATCH));
            List<MemoryView> saved = memories.addAll(
                    owner, batch.stream().map(Conversation.Turn::toMemory).toList());
            for (int i = 0; i < saved.size(); i++) {
                memoryOf.put(batch.get(i).diaId(), saved.get(i).id());
            }
            afterBatch.accept(from + batch.size());
        }
        return memoryOf;
    }
}
