package dev.moat.chat;

import dev.langchain4j.data.message.ChatMessage;
import dev.moat.context.ContextBuilder;
import dev.moat.memory.MemoryKind;
import dev.moat.memory.MemoryLimits;
import dev.moat.memory.MemorySearchService;
import dev.moat.memory.MemoryService;
import dev.moat.memory.MemoryView;
import dev.moat.memory.NewMemory;
import dev.moat.memory.SearchRequest;
import dev.moat.memory.SearchResult;
import dev.moat.provider.ProviderReply;
import dev.moat.provider.ProviderRouter;
import dev.moat.user.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One chat turn: keep the message (transcript and memory), find the user's relevant earlier memories, build the
 * prompt, ask the routed provider, keep the reply. The message is stored before any provider is called, so no
 * provider failure loses it.
 */
@ApplicationScoped
public class ChatService {

    private final ChatStore store;
    private final MemoryService memories;
    private final MemorySearchService search;
    private final ProviderRouter router;
    private final ChatConfig config;

    public ChatService(
            ChatStore store,
            MemoryService memories,
            MemorySearchService search,
            ProviderRouter router,
            ChatConfig config) {
        this.store = store;
        this.memories = memories;
        this.search = search;
        this.router = router;
        this.config = config;
    }

    /** A turn ready for the provider: the message kept, memories found, prompt built. */
    public record Turn(
            Owner owner,
            String session,
            String provider,
            String model,
            List<SearchResult.MemoryHit> used,
            List<ChatMessage> prompt,
            String messageId,
            Instant sentAt,
            long start) {}

    /** A replayed message: the session it went into, the memory it became and the provider's reply. */
    public record Replayed(String session, String messageId, ChatReply reply) {}

    public ChatReply chat(Owner owner, ChatTurnRequest request) {
        return answer(begin(owner, request), ProviderRouter.Tuning.NONE, null);
    }

    /**
     * Checks the request (unknown provider or session: 4xx, nothing stored), keeps the message, finds the memories
     * and builds the prompt. Separate from {@link #answer} so a streaming response fails with a status, not an event.
     */
    public Turn begin(Owner owner, ChatTurnRequest r) {
        return prepare(owner, r.sessionId(), r.provider(), null, chatMessage(r.message()), r.k(), null, null);
    }

    /**
     * As {@link #begin(Owner, ChatTurnRequest)} for the OpenAI-compatible API: the client sends its own history (and system
     * text), so the prompt uses it instead of a stored session's; the turn is still kept in a session of its own.
     */
    public Turn begin(
            Owner owner,
            String provider,
            String model,
            List<ChatMessage> clientHistory,
            String clientSystem,
            String message) {
        return prepare(owner, null, provider, model, chatMessage(message), null, clientHistory, clientSystem);
    }

    /**
     * A message from a recorded history (an experiment's replay), through the whole chat flow at its own time: kept
     * with the given metadata in the session (a new one when null), memories found, the provider asked, the reply
     * kept. The recorded time orders it among the user's memories as if it had been sent then.
     */
    public Replayed replay(
            Owner owner, String sessionId, String provider, NewMemory message, ProviderRouter.Tuning tuning) {
        Turn turn = prepare(owner, sessionId, provider, null, message, null, null, null);
        return new Replayed(turn.session(), turn.messageId(), answer(turn, tuning, null));
    }

    private static NewMemory chatMessage(String text) {
        return new NewMemory(
                text, MemoryKind.MESSAGE, Instant.now().truncatedTo(ChronoUnit.MILLIS), null, Map.of("source", "chat"));
    }

    /** Asks the routed provider and keeps the reply; onToken, when not null, gets the reply as it streams. */
    public ChatReply answer(Turn turn, ProviderRouter.Tuning tuning, Consumer<String> onToken) {
        // The reply's transcript entry commits with the provider call's record.
        Consumer<ProviderReply> keep = reply -> keepReply(turn, reply);
        ProviderReply reply = onToken == null
                ? router.chat(turn.owner(), turn.provider(), turn.model(), turn.prompt(), tuning, keep)
                : router.stream(turn.owner(), turn.provider(), turn.model(), turn.prompt(), tuning, onToken, keep);
        return finish(turn, reply);
    }

    private Turn prepare(
            Owner owner,
            String sessionId,
            String requestedProvider,
            String model,
            NewMemory incoming,
            Integer k,
            List<ChatMessage> clientHistory,
            String clientSystem) {
        long start = System.nanoTime();
        // Refused before anything is stored: an unknown provider or session.
        String provider = router.choose(owner, requestedProvider);
        String message = incoming.text();
        Instant now = incoming.occurredAt();
        // A new session needs no reads; its row is written with the message's transcript entry.
        boolean isNew = sessionId == null;
        if (!isNew && store.find(owner, sessionId).isEmpty()) {
            throw new SessionNotFoundException(owner.userId(), sessionId);
        }
        String session = isNew ? UUID.randomUUID().toString() : sessionId;
        List<ChatMessage> history = clientHistory != null || isNew
                ? (clientHistory == null ? List.of() : clientHistory)
                : PromptBuilder.history(store.recent(session, config.recentTurns()));

        // The message's context is the turn it replies to, usually the assistant's last answer.
        String context = incoming.context() != null ? incoming.context() : PromptBuilder.lastText(history);
        MemoryView kept = memories.remember(
                owner,
                new NewMemory(
                        message, MemoryKind.MESSAGE, now, session, incoming.metadata(), incoming.provenance(), context),
                // the transcript's entry commits with the memory it names
                id -> store.recordUserTurn(owner, session, isNew, message, id, now));

        List<SearchResult.MemoryHit> found = relevantMemories(owner, message, k, kept.id());
        // the block POST /v1/users/{u}/context answers with: the best that fit the budget, in order
        ContextBuilder.Context block = ContextBuilder.fit(found, config.memoryTokens());
        List<SearchResult.MemoryHit> used = found.subList(0, block.memories().size());
        return new Turn(
                owner,
                session,
                provider,
                model,
                used,
                PromptBuilder.build(block.context(), history, message, clientSystem),
                kept.id(),
                now,
                start);
    }

    private void keepReply(Turn turn, ProviderReply reply) {
        store.append(
                turn.owner(),
                turn.session(),
                TranscriptMessage.Role.ASSISTANT,
                reply.text(),
                reply.provider(),
                reply.model(),
                null,
                // sent time plus the time taken: now for a live chat, the recorded time's reply for a replayed one
                turn.sentAt().plusMillis((System.nanoTime() - turn.start()) / 1_000_000));
    }

    private ChatReply finish(Turn turn, ProviderReply reply) {
        return new ChatReply(
                reply.text(),
                turn.session(),
                reply.provider(),
                reply.model(),
                turn.used().stream()
                        .map(h -> new ChatReply.UsedMemory(
                                h.memory().id(),
                                h.memory().text(),
                                h.score(),
                                h.memory().occurredAt()))
                        .toList(),
                new ChatReply.Usage(reply.inputTokens(), reply.outputTokens(), reply.costUsd()),
                (System.nanoTime() - turn.start()) / 1_000_000);
    }

    /** The k memories most relevant to the message, never the message itself. */
    private List<SearchResult.MemoryHit> relevantMemories(Owner owner, String message, Integer k, String messageId) {
        int wanted = k == null ? config.memories() : k;
        if (wanted == 0) {
            return List.of();
        }
        String query = message.length() > MemoryLimits.MAX_QUERY_CHARS
                ? message.substring(0, MemoryLimits.MAX_QUERY_CHARS)
                : message;
        return search.search(owner, new SearchRequest(query, Math.min(wanted + 1, 100))).hits().stream()
                .filter(h -> !h.memory().id().equals(messageId))
                .limit(wanted)
                .toList();
    }
}
