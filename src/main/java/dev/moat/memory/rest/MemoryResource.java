package dev.moat.memory.rest;

import dev.moat.memory.MemoryHistory;
import dev.moat.memory.MemoryLimits;
import dev.moat.memory.MemoryNotFoundException;
import dev.moat.memory.MemoryPage;
import dev.moat.memory.MemoryPatch;
import dev.moat.memory.MemoryQueryService;
import dev.moat.memory.MemorySearchService;
import dev.moat.memory.MemoryService;
import dev.moat.memory.MemoryView;
import dev.moat.memory.NewMemory;
import dev.moat.memory.SearchRequest;
import dev.moat.memory.SearchResult;
import dev.moat.security.CallerContext;
import dev.moat.user.Owner;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** A user's memories: add, list, read, change, delete, history and search. */
@Path("/v1/users/{userId}/memories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemoryResource {

    private final MemoryService memories;
    private final MemoryQueryService queries;
    private final MemorySearchService search;

    private final CallerContext caller;

    public MemoryResource(
            MemoryService memories, MemoryQueryService queries, MemorySearchService search, CallerContext caller) {
        this.memories = memories;
        this.queries = queries;
        this.search = search;
        this.caller = caller;
    }

    /** Ids of the memories a batch created, in the order given. */
    public record CreatedIds(List<String> ids) {}

    @POST
    public Response add(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @NotNull @Valid NewMemory body,
            UriInfo uri) {
        MemoryView created = memories.add(caller.get().owner(userId), body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(created)
                .build();
    }

    @POST
    @Path("/batch")
    public Response addBatch(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @NotNull @NotEmpty @Size(max = MemoryLimits.MAX_BATCH) List<@NotNull @Valid NewMemory> body) {
        List<String> ids = memories.addAll(caller.get().owner(userId), body).stream()
                .map(MemoryView::id)
                .toList();
        return Response.status(Response.Status.CREATED)
                .entity(new CreatedIds(ids))
                .build();
    }

    @GET
    public MemoryPage list(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @QueryParam("limit") @DefaultValue("50") @Pattern(regexp = "\\d{1,9}", message = "must be a number")
                    String limit,
            @QueryParam("cursor") @Size(max = 1024) String cursor) {
        return queries.list(caller.get().owner(userId), Integer.parseInt(limit), cursor);
    }

    @GET
    @Path("/{id}")
    public MemoryView get(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId, @PathParam("id") String id) {
        return queries.get(caller.get().owner(userId), id).orElseThrow(() -> new MemoryNotFoundException(userId, id));
    }

    @PATCH
    @Path("/{id}")
    public MemoryView update(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @PathParam("id") String id,
            @NotNull @Valid MemoryPatch body) {
        return memories.update(caller.get().owner(userId), id, body)
                .orElseThrow(() -> new MemoryNotFoundException(userId, id));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId, @PathParam("id") String id) {
        if (!memories.delete(caller.get().owner(userId), id)) {
            throw new MemoryNotFoundException(userId, id);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/history")
    public MemoryHistory history(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId, @PathParam("id") String id) {
        return queries.history(caller.get().owner(userId), id)
                .orElseThrow(() -> new MemoryNotFoundException(userId, id));
    }

    @POST
    @Path("/search")
    public SearchResult search(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @NotNull @Valid SearchRequest body) {
        return search.search(caller.get().owner(userId), body);
    }
}
