package dev.moat.chat;

import dev.moat.memory.MemoryKind;
import dev.moat.memory.MemoryService;
import dev.moat.memory.MemoryView;
import dev.moat.memory.NewMemory;
import dev.moat.memory.Owner;
import dev.moat.memory.SearchRequest;
import dev.moat.memory.SearchResult;
import dev.moat.provider.ProviderReply;
import dev.moat.provider.ProviderRouter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * One chat turn: keep the message (transcript and memory), find the user's relevant earlier memories, build the
 * prompt, ask the routed provider, keep the reply. The message is stored before any provider is called, so no
 * provider failure loses it.
 */
@ApplicationScoped
public class ChatService {

    private final ChatStore store;
    private final MemoryService memories;
    private final ProviderRouter router;
    private final ChatConfig config;

    public ChatService(ChatStore store, MemoryService memories, ProviderRouter router, ChatConfig config) {
        this.store = store;
        this.memories = memories;
        this.router = router;
        this.config = config;
    }

    public ChatReply chat(ChatTurnRequest request) {
        long start = System.nanoTime();
        Owner owner = Owner.of(request.userId());
        String provider = router.choose(owner, request.provider());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ChatSession session = request.sessionId() == null
                ? store.create(owner, now)
                : store.find(owner, request.sessionId())
                        .orElseThrow(() -> new SessionNotFoundException(request.userId(), request.sessionId()));
        List<TranscriptMessage> recent = store.recent(session.id, config.recentTurns());

        MemoryView kept = memories.add(
                owner, new NewMemory(request.message(), MemoryKind.MESSAGE, now, session.id, Map.of("source", "chat")));
        store.append(owner, session.id, TranscriptMessage.Role.USER, request.message(), null, null, kept.id(), now);

        List<SearchResult.MemoryHit> used = relevantMemories(owner, request, kept.id());
        ProviderReply reply = router.chat(owner, provider, PromptBuilder.build(used, recent, request.message()));
        store.append(
                owner,
                session.id,
                TranscriptMessage.Role.ASSISTANT,
                reply.text(),
                reply.provider(),
                reply.model(),
                null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return new ChatReply(
                reply.text(),
                session.id,
                reply.provider(),
                reply.model(),
                used.stream()
                        .map(h -> new ChatReply.UsedMemory(
                                h.memory().id(),
                                h.memory().text(),
                                h.score(),
                                h.memory().occurredAt()))
                        .toList(),
                new ChatReply.Usage(reply.inputTokens(), reply.outputTokens(), reply.costUsd()),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The k memories most relevant to the message, never the message itself. */
    private List<SearchResult.MemoryHit> relevantMemories(Owner owner, ChatTurnRequest request, String messageId) {
        int k = request.k() == null ? config.memories() : request.k();
        if (k == 0) {
            return List.of();
        }
        return memories.search(owner, new SearchRequest(request.message(), Math.min(k + 1, 100))).hits().stream()
                .filter(h -> !h.memory().id().equals(messageId))
                .limit(k)
                .toList();
    }
}
