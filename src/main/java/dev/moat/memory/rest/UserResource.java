package dev.moat.memory.rest;

import dev.moat.memory.MemoryService;
import dev.moat.memory.Owner;
import dev.moat.memory.UserStats;
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

    public UserResource(MemoryService memories) {
        this.memories = memories;
    }

    @GET
    @Path("/stats")
    public UserStats stats(@PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId) {
        return memories.stats(Owner.of(userId));
    }

    /** Forgets the user: every memory, every event and every index entry. Idempotent. */
    @DELETE
    public Response forget(@PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId) {
        memories.forget(Owner.of(userId));
        return Response.noContent().build();
    }
}
