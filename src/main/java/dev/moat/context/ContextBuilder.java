package dev.moat.context;

import dev.moat.memory.MemoryLimits;
import dev.moat.memory.MemorySearchService;
import dev.moat.memory.SearchRequest;
import dev.moat.memory.SearchResult;
import dev.moat.provider.Tokens;
import dev.moat.user.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The block of memories Moat puts into a chat prompt, for a query and a token budget, so that an app can put it into
 * any model's prompt: the memories that bear on the query, best first, as {@link MemoryBlock} lines, as many as fit
 * in the budget (cl100k tokens, the block's header included).
 */
@ApplicationScoped
public class ContextBuilder {

    /** Budgets a request may ask for. */
    public static final int MAX_TOKENS = 32_000;

    public static final int DEFAULT_TOKENS = 1_000;

    /** Candidates searched for one block: the most a search returns. */
    static final int CANDIDATES = MemoryLimits.MAX_K;

    private final MemorySearchService search;

    public ContextBuilder(MemorySearchService search) {
        this.search = search;
    }

    /** A memory in the block, as an app may cite it. */
    public record ContextMemory(String id, String text, Instant occurredAt, double score) {}

    /** The block's text, the memories in it (best first) and its length in cl100k tokens. */
    public record Context(String context, List<ContextMemory> memories, int tokens) {}

    /** The user's memories that bear on the query, cut to maxTokens. */
    public Context build(Owner owner, String query, int maxTokens) {
        SearchResult found = search.search(owner, new SearchRequest(query, CANDIDATES));
        return fit(found.hits(), maxTokens);
    }

    /**
     * The hits, best first, as many as fit in maxTokens with the header. A later, smaller memory does not jump the
     * queue: the block keeps the order of relevance. Token counts of pieces add up to the whole's within a token or
     * two; the whole is counted at the end and trimmed until it fits.
     */
    static Context fit(List<SearchResult.MemoryHit> hits, int maxTokens) {
        List<SearchResult.MemoryHit> kept = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        int tokens = Tokens.count(MemoryBlock.header(false));
        for (SearchResult.MemoryHit hit : hits) {
            String line = MemoryBlock.line(hit.memory());
            int cost = Tokens.count("\n" + line);
            if (tokens + cost > maxTokens) {
                break;
            }
            tokens += cost;
            kept.add(hit);
            lines.add(line);
        }
        String text = render(lines);
        while (!lines.isEmpty() && Tokens.count(text) > maxTokens) {
            lines.remove(lines.size() - 1);
            kept.remove(kept.size() - 1);
            text = render(lines);
        }
        List<ContextMemory> memories = kept.stream()
                .map(h -> new ContextMemory(
                        h.memory().id(), h.memory().text(), h.memory().occurredAt(), h.score()))
                .toList();
        return new Context(text, memories, Tokens.count(text));
    }

    private static String render(List<String> lines) {
        return lines.isEmpty() ? MemoryBlock.header(true) : MemoryBlock.header(false) + "\n" + String.join("\n", lines);
    }
}
