package dev.moat.provider.rest;

import dev.moat.provider.ProviderRouter;
import dev.moat.provider.ProviderStore;
import dev.moat.security.CallerContext;
import dev.moat.user.Owner;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The provider a user's chats go to when a request names none. */
@Path("/v1/users/{userId}/provider")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserProviderResource {

    private final ProviderRouter router;
    private final ProviderStore store;

    private final CallerContext caller;

    public UserProviderResource(ProviderRouter router, ProviderStore store, CallerContext caller) {
        this.router = router;
        this.store = store;
        this.caller = caller;
    }

    /** Which provider to pin. */
    public record PinRequest(@NotBlank @Size(max = 64) String provider) {}

    /** A user's pinned provider (null when none), and the one their next chat goes to. */
    public record PinnedProvider(String userId, String pinned, String effective) {}

    @GET
    public PinnedProvider pinned(@PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId) {
        Owner owner = caller.get().owner(userId);
        return new PinnedProvider(userId, store.pinned(owner).orElse(null), router.choose(owner, null));
    }

    @PUT
    public PinnedProvider pin(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @NotNull @Valid PinRequest body) {
        router.requireKnown(body.provider());
        Owner owner = caller.get().owner(userId);
        store.pin(owner, body.provider());
        return new PinnedProvider(userId, body.provider(), body.provider());
    }
}
