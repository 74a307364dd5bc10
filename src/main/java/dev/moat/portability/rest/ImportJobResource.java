package dev.moat.portability.rest;

import dev.moat.portability.ImportFormat;
import dev.moat.portability.jobs.ImportJobService;
import dev.moat.portability.jobs.ImportJobView;
import dev.moat.problem.ProblemException;
import dev.moat.security.CallerContext;
import dev.moat.user.Owner;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * Import jobs: a document of any size (up to moat.imports.max-upload-size) imported behind the response, with its
 * progress to poll and a cancel (docs/API.md, "Import jobs"). The upload itself is received by {@link ImportUploads}.
 */
@Path("/v1/users/{userId}/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportJobResource {

    private final ImportJobService jobs;
    private final CallerContext caller;

    public ImportJobResource(ImportJobService jobs, CallerContext caller) {
        this.jobs = jobs;
        this.caller = caller;
    }

    /** 202 with the queued job and its Location; the document is checked, then imported, after the response. */
    @POST
    public Response submit(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @QueryParam("format") @DefaultValue("passport") String format,
            RoutingContext request,
            UriInfo uri) {
        Owner owner = caller.get().owner(userId);
        ImportFormat chosen = ImportFormat.of(format);
        java.nio.file.Path upload = request.get(ImportUploads.FILE);
        Long bytes = request.get(ImportUploads.BYTES);
        if (upload == null || bytes == null) {
            throw new ProblemException(400, "No upload", "send the document as the request's body");
        }
        ImportJobView job = jobs.submit(owner, chosen, upload, bytes);
        return Response.accepted(job)
                .location(uri.getAbsolutePathBuilder().path(job.id()).build())
                .build();
    }

    /** The owner's latest jobs first. */
    @GET
    public List<ImportJobView> list(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit) {
        return jobs.recent(caller.get().owner(userId), limit);
    }

    @GET
    @Path("/{id}")
    public ImportJobView get(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId, @PathParam("id") String id) {
        return jobs.find(caller.get().owner(userId), id).orElseThrow(() -> notFound(id));
    }

    /**
     * Cancels a job still going: it stops at its next part; what it added stays. 409 for a job that has ended
     * already, with the job as it ended.
     */
    @DELETE
    @Path("/{id}")
    public ImportJobView cancel(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId, @PathParam("id") String id) {
        ImportJobView job = jobs.cancel(caller.get().owner(userId), id).orElseThrow(() -> notFound(id));
        if (!job.status().equals("cancelled")) {
            throw new ProblemException(409, "Import ended", "import job " + id + " has ended already: " + job.status());
        }
        return job;
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("no import job '" + id + "'");
    }
}
