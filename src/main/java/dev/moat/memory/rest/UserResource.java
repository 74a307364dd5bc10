package dev.moat.memory.rest;

import dev.moat.memory.MemoryQueryService;
import dev.moat.memory.MemoryService;
import dev.moat.memory.UserStats;
import dev.moat.security.CallerContext;
import dev.moat.user.Owner;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A user as a whole: what their memory holds, and forgetting them. */
@Path("/v1/users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final MemoryService memories;
    private final MemoryQueryService queries;

    private final CallerContext caller;

    public UserResource(MemoryService memories, MemoryQueryService queries, CallerContext caller) {
        this.memories = memories;
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Path("/stats")
    public UserStats stats(@PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId) {
        return queries.stats(caller.get().owner(userId));
    }

    /** Forgets the user: every memory, every event and every index entry. Idempotent. */
    @DELETE
    public Response forget(@PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId) {
        memories.forget(caller.get().owner(userId));
        return Response.noContent().build();
    }
}
