package dev.moat.security.rest;

import dev.moat.problem.ProblemException;
import dev.moat.security.Caller;
import dev.moat.security.CallerContext;
import dev.moat.security.KeyService;
import dev.moat.security.Role;
import dev.moat.user.Owner;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An admin's keys of their own tenant: create (the secret shown once), list (never the secret), revoke. */
@Path("/v1/admin/keys")
@Produces(MediaType.APPLICATION_JSON)
public class AdminKeyResource {

    /** A key to create: its role and, for a user key, the user it acts for. */
    public record KeyRequest(
            @NotNull(message = "role is admin or user") Role role,
            @Pattern(regexp = Owner.USER_ID_PATTERN) String userId) {}

    private final KeyService keys;
    private final CallerContext caller;

    public AdminKeyResource(KeyService keys, CallerContext caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull(message = "send {role, userId?}") @jakarta.validation.Valid KeyRequest body) {
        Caller admin = admin();
        KeyService.NewKey created = keys.create(admin.tenantId(), body.role(), body.userId());
        return Response.status(201).entity(created).build();
    }

    @GET
    public List<KeyService.KeyView> list() {
        return keys.list(admin().tenantId());
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id) {
        if (!keys.revoke(admin().tenantId(), id)) {
            throw ProblemException.notFound("no key '" + id + "' in this tenant");
        }
        return Response.noContent().build();
    }

    private Caller admin() {
        Caller c = caller.get();
        c.requireAdmin();
        return c;
    }
}
