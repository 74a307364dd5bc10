package dev.moat.web;

import dev.moat.security.AuthFilter;
import dev.moat.security.Caller;
import dev.moat.security.KeyService;
import dev.moat.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * The dashboard's door: an admin key typed into a form becomes an HttpOnly, SameSite=Strict cookie, so the browser
 * presents it on every page without any script seeing it.
 */
@Path("/login")
public class LoginResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String error);
    }

    private final KeyService keys;

    public LoginResource(KeyService keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form() {
        return Templates.login(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response login(@FormParam("key") String key) {
        Optional<Caller> caller = keys.authenticate(key == null ? null : key.strip());
        if (caller.isEmpty() || caller.get().role() != Role.ADMIN) {
            return Response.status(401)
                    .entity(Templates.login("That is not an admin key of this Moat."))
                    .build();
        }
        NewCookie cookie = new NewCookie.Builder(AuthFilter.COOKIE)
                .value(key.strip())
                .path("/")
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
        return Response.seeOther(URI.create("/")).cookie(cookie).build();
    }
}
