package dev.moat.portability.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moat.portability.ExportFormat;
import dev.moat.portability.ExportService;
import dev.moat.portability.ImportFormat;
import dev.moat.portability.ImportResult;
import dev.moat.portability.PassportService;
import dev.moat.problem.ProblemException;
import dev.moat.security.CallerContext;
import dev.moat.user.Owner;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A user's memory in and out over HTTP: exports in every format, imports of passports and other services' files. */
@Path("/v1/users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
public class PassportResource {

    private final PassportService passports;

    private final ExportService exports;

    private final CallerContext caller;

    public PassportResource(PassportService passports, ExportService exports, CallerContext caller) {
        this.passports = passports;
        this.exports = exports;
        this.caller = caller;
    }

    /**
     * The user's memory as a passport (the default), mem0 add requests, a Markdown digest cut to maxTokens, or Moat's
     * JSONL history (docs/PASSPORT.md); 404 for a user Moat has never seen.
     */
    @GET
    @Path("/export")
    @Produces({MediaType.APPLICATION_JSON, "text/markdown", "application/x-ndjson"})
    public Response export(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @QueryParam("format") @DefaultValue("passport") String format,
            @QueryParam("maxTokens") Integer maxTokens) {
        ExportService.Export export = exports.export(caller.get().owner(userId), ExportFormat.of(format), maxTokens)
                .orElseThrow(() -> ProblemException.notFound("user '" + userId + "' has no memory to export"));
        return Response.ok(export.body(), export.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                .build();
    }

    /**
     * Adds what the document holds and the user lacks; the same document twice adds nothing. A document that breaks
     * its format's schema gets 400 naming the first bad path, and nothing of it is kept.
     */
    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    public ImportResult importDocument(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @QueryParam("format") @DefaultValue("passport") String format,
            @NotNull JsonNode document) {
        return passports.importDocument(caller.get().owner(userId), document, ImportFormat.of(format));
    }
}
