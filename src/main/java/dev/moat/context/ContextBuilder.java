package dev.moat.context;

import dev.moat.memory.MemoryLimits;
import dev.moat.memory.MemorySearchService;
import dev.moat.memory.SearchRequest;
import dev.moat.memory.SearchResult;
import dev.moat.provider.Tokens;
import dev.moat.user.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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

    static final int DEFAULT_TOKENS = 1_000;

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

    /** What the block is for, and its budget in cl100k tokens (default 1,000); checked where it comes in. */
    public record Request(
            @NotBlank @Size(max = MemoryLimits.MAX_QUERY_CHARS) String query,
            @Min(16) @Max(MAX_TOKENS) Integer maxTokens) {

        int budget() {
            return maxTokens == null ? DEFAULT_TOKENS : maxTokens;
        }
    }

    /** The user's memories that bear on the query, cut to the request's budget. */
    public Context build(Owner owner, Request request) {
        SearchResult found = search.search(owner, new SearchRequest(request.query(), CANDIDATES));
        return fit(found.hits(), request.budget());
    }

    /**
     * The hits, best first, as many as fit in maxTokens with the header. A later, smaller memory does not jump the
     * queue: the block keeps the order of relevance. Token counts of pieces add up to the whole's within a token or
     * two; the whole is counted at the end and trimmed until it fits.
     */
    public static Context fit(List<SearchResult.MemoryHit> hits, int maxTokens) {
        // each line written once: its time expressions are resolved by pattern
        List<String> lines = new ArrayList<>();
        int tokens = Tokens.count(MemoryBlock.frame());
        for (SearchResult.MemoryHit hit : hits) {
            String line = MemoryBlock.line(hit.memory());
            int cost = Tokens.count(line + "\n");
            if (tokens + cost > maxTokens) {
                break;
            }
            tokens += cost;
            lines.add(line);
        }
        String text = MemoryBlock.of(lines);
        int total = Tokens.count(text);
        while (!lines.isEmpty() && total > maxTokens) {
            lines.remove(lines.size() - 1);
            text = MemoryBlock.of(lines);
            total = Tokens.count(text);
        }
        List<ContextMemory> memories = hits.subList(0, lines.size()).stream()
                .map(h -> new ContextMemory(
                        h.memory().id(), h.memory().text(), h.memory().occurredAt(), h.score()))
                .toList();
        return new Context(text, memories, total);
    }
}
