package dev.moat.context.rest;

import dev.moat.context.ProfileBuilder;
import dev.moat.security.CallerContext;
import dev.moat.user.Owner;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The user's facts and preferences that still hold (docs/API.md, "Profile"). */
@Path("/v1/users/{userId}/profile")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    private final ProfileBuilder profiles;
    private final CallerContext caller;

    public ProfileResource(ProfileBuilder profiles, CallerContext caller) {
        this.profiles = profiles;
        this.caller = caller;
    }

    @GET
    public ProfileBuilder.Profile profile(@PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId) {
        return profiles.build(caller.get().owner(userId));
    }
}
