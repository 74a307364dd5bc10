package dev.moat.context.rest;

import dev.moat.context.ContextBuilder;
import dev.moat.security.CallerContext;
import dev.moat.user.Owner;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The memory block for a query, cut to a token budget, ready for any model's prompt (docs/API.md, "Context"). */
@Path("/v1/users/{userId}/context")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContextResource {

    private final ContextBuilder contexts;
    private final CallerContext caller;

    public ContextResource(ContextBuilder contexts, CallerContext caller) {
        this.contexts = contexts;
        this.caller = caller;
    }

    @POST
    public ContextBuilder.Context context(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @NotNull @Valid ContextBuilder.Request body) {
        return contexts.build(caller.get().owner(userId), body);
    }
}
