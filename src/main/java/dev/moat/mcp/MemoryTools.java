package dev.moat.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.context.ContextBuilder;
import dev.moat.context.ProfileBuilder;
import dev.moat.index.IndexException;
import dev.moat.lockin.SwitchingCostService;
import dev.moat.memory.MemoryLimits;
import dev.moat.memory.MemoryNotFoundException;
import dev.moat.memory.MemoryQueryService;
import dev.moat.memory.MemorySearchService;
import dev.moat.memory.MemoryService;
import dev.moat.memory.NewMemory;
import dev.moat.memory.SearchRequest;
import dev.moat.problem.ProblemException;
import dev.moat.provider.ProviderRouter;
import dev.moat.security.Caller;
import dev.moat.user.Owner;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A user's memory as MCP tools (docs/MCP.md): the same services, limits and isolation as the REST API. A user key
 * acts for its own user; an admin key names the user in each call. Bad arguments come back as a tool error result
 * that says what to change, never as a protocol failure.
 */
public class MemoryTools {

    private static final String USER = "The user whose memory this is. A user key acts for its own user and may leave"
            + " this out; an admin key must name the user.";

    private final SecurityIdentity identity;
    private final MemoryService memories;
    private final MemoryQueryService queries;
    private final MemorySearchService search;
    private final SwitchingCostService meter;
    private final ContextBuilder contexts;
    private final ProfileBuilder profiles;
    private final ProviderRouter providers;
    private final Validator validator;
    private final ObjectMapper json;

    public MemoryTools(
            SecurityIdentity identity,
            MemoryService memories,
            MemoryQueryService queries,
            MemorySearchService search,
            SwitchingCostService meter,
            ContextBuilder contexts,
            ProfileBuilder profiles,
            ProviderRouter providers,
            Validator validator,
            ObjectMapper json) {
        this.identity = identity;
        this.memories = memories;
        this.queries = queries;
        this.search = search;
        this.meter = meter;
        this.contexts = contexts;
        this.profiles = profiles;
        this.providers = providers;
        this.validator = validator;
        this.json = json;
    }

    @Tool(
            name = "add_memory",
            inputSchema = @Tool.InputSchema(generator = ToolSchemas.class),
            description = "Remember something about the user for later conversations: what they said, a fact about"
                    + " them, a preference or a note. It is searchable as soon as this returns. Returns the stored"
                    + " memory with its id.")
    ToolResponse addMemory(
            @ToolArg(
                            description = "What to remember, as the user said it or as a short statement about them",
                            required = false)
                    String text,
            @ToolArg(
                            description = "message (what the user said; the default), fact, preference or note",
                            required = false)
                    String kind,
            @ToolArg(
                            description = "When it was said or happened, ISO-8601 with a zone (2026-03-01T09:30:00Z);"
                                    + " default now",
                            required = false)
                    String occurredAt,
            @ToolArg(description = USER, required = false) String user) {
        return call(user, owner -> {
            NewMemory memory = new NewMemory(
                    ToolArguments.required("add_memory", "text", text),
                    ToolArguments.kind(kind),
                    ToolArguments.instant("occurredAt", occurredAt),
                    null,
                    null,
                    null);
            check(memory);
            return memories.add(owner, memory);
        });
    }

    @Tool(
            name = "search_memories",
            inputSchema = @Tool.InputSchema(generator = ToolSchemas.class),
            description = "Find the user's memories that bear on a question or topic, best first (BM25 and meaning"
                    + " together). Use it before answering anything that may depend on what the user said before.")
    ToolResponse searchMemories(
            @ToolArg(description = "The question or topic, in plain words", required = false) String query,
            @ToolArg(description = "How many memories to return, 1 to 100; default 10", required = false) Integer k,
            @ToolArg(description = "Only these kinds: message, fact, preference, note", required = false)
                    List<String> kinds,
            @ToolArg(
                            description = "What held at this instant, ISO-8601: later memories absent, facts superseded"
                                    + " by then left out",
                            required = false)
                    String asOf,
            @ToolArg(description = "true: leave out facts a newer one superseded", required = false) Boolean latestOnly,
            @ToolArg(description = USER, required = false) String user) {
        return call(user, owner -> {
            SearchRequest request = new SearchRequest(
                    ToolArguments.required("search_memories", "query", query),
                    k,
                    ToolArguments.kinds(kinds),
                    null,
                    null,
                    ToolArguments.instant("asOf", asOf),
                    latestOnly);
            check(request);
            return search.search(owner, request);
        });
    }

    @Tool(
            name = "list_memories",
            inputSchema = @Tool.InputSchema(generator = ToolSchemas.class),
            description = "List the user's memories, newest first, a page at a time. Pass the nextCursor of one page"
                    + " as cursor to get the next.")
    ToolResponse listMemories(
            @ToolArg(description = "Memories per page, 1 to 200; default 50", required = false) Integer limit,
            @ToolArg(description = "The nextCursor of the previous page", required = false) String cursor,
            @ToolArg(description = USER, required = false) String user) {
        return call(user, owner -> queries.list(owner, limit == null ? MemoryLimits.DEFAULT_PAGE : limit, cursor));
    }

    @Tool(
            name = "delete_memory",
            inputSchema = @Tool.InputSchema(generator = ToolSchemas.class),
            description = "Forget one memory of the user for good, by its id (from add_memory, search_memories or"
                    + " list_memories). Its history is kept.")
    ToolResponse deleteMemory(
            @ToolArg(description = "The memory's id", required = false) String id,
            @ToolArg(description = USER, required = false) String user) {
        return call(user, owner -> {
            String memory = ToolArguments.required("delete_memory", "id", id);
            if (!memories.delete(owner, memory)) {
                throw new MemoryNotFoundException(owner.userId(), memory);
            }
            return Map.of("deleted", memory);
        });
    }

    @Tool(
            name = "get_profile",
            inputSchema = @Tool.InputSchema(generator = ToolSchemas.class),
            description = "What the user's memory holds about them now: their facts and preferences that still hold,"
                    + " each with the messages it was drawn from and when it was last said. Answer \"what do you know"
                    + " about me\" from it.")
    ToolResponse getProfile(@ToolArg(description = USER, required = false) String user) {
        return call(user, profiles::build);
    }

    @Tool(
            name = "get_context",
            inputSchema = @Tool.InputSchema(generator = ToolSchemas.class),
            description = "The block of the user's memories that bear on a query, best first, dated, cut to a token"
                    + " budget: what Moat itself puts into a chat prompt. Put its context text into your prompt.")
    ToolResponse getContext(
            @ToolArg(description = "What the block is for: the user's message or the task at hand", required = false)
                    String query,
            @ToolArg(description = "The budget in cl100k tokens, 16 to 32000; default 1000", required = false)
                    Integer maxTokens,
            @ToolArg(description = USER, required = false) String user) {
        return call(user, owner -> {
            ContextBuilder.Request request =
                    new ContextBuilder.Request(ToolArguments.required("get_context", "query", query), maxTokens);
            check(request);
            return contexts.build(owner, request);
        });
    }

    @Tool(
            name = "switching_cost",
            inputSchema = @Tool.InputSchema(generator = ToolSchemas.class),
            description = "How much of the user's history they would lose by moving elsewhere (another Moat, a chat"
                    + " assistant that takes a pasted digest, a cold start, another memory service, or a provider),"
                    + " under each way of carrying their memory the destination accepts (docs/SWITCHING-COST.md).")
    ToolResponse switchingCost(
            @ToolArg(
                            description = "The destination (moat, chat-assistant, cold, memory-service, or another"
                                    + " configured one) or provider to move to; default the user's own provider",
                            required = false)
                    String target,
            @ToolArg(description = USER, required = false) String user) {
        return call(user, owner -> meter.measure(
                        owner,
                        target == null || target.isBlank() ? providers.choose(owner, null) : target,
                        SearchRequest.DEFAULT_K,
                        null)
                .orElseThrow(
                        () -> ProblemException.notFound("user '" + owner.userId() + "' has no memory to measure")));
    }

    /** Resolves the user, runs the work, and turns what the caller can fix into a tool error result. */
    private ToolResponse call(String user, Function<Owner, Object> work) {
        try {
            return ToolResponse.success(json.writeValueAsString(work.apply(owner(user))));
        } catch (ProblemException e) {
            return ToolResponse.error(e.getMessage());
        } catch (IndexException e) {
            return ToolResponse.error("the memory index is unavailable right now; nothing was lost, retry in a few"
                    + " seconds (" + e.getMessage() + ")");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the tool's result as JSON", e);
        }
    }

    private Owner owner(String user) {
        Caller caller = identity.getAttribute(McpKeyIdentityProvider.CALLER);
        if (user == null || user.isBlank()) {
            if (caller.userId() == null) {
                throw ProblemException.badRequest("user: an admin key names the user in each call");
            }
            return caller.owner(caller.userId());
        }
        if (!user.matches(Owner.USER_ID_PATTERN)) {
            throw ProblemException.badRequest("user: letters, digits and ._@:- only, at most 128, got '" + user + "'");
        }
        return caller.owner(user);
    }

    private void check(Object request) {
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest(violations.stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                    .sorted()
                    .collect(Collectors.joining("; ")));
        }
    }
}
