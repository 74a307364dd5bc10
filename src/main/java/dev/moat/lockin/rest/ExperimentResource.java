package dev.moat.lockin.rest;

import dev.moat.dataset.Conversation;
import dev.moat.lockin.CarryMode;
import dev.moat.lockin.Destinations;
import dev.moat.lockin.ExperimentDatasets;
import dev.moat.lockin.ExperimentOptions;
import dev.moat.lockin.ExperimentReport;
import dev.moat.lockin.ExperimentService;
import dev.moat.lockin.ExperimentView;
import dev.moat.problem.ProblemException;
import dev.moat.security.Caller;
import dev.moat.security.CallerContext;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lock-in experiments over HTTP, for admin keys (docs/EXPERIMENTS.md, "Over HTTP"): start one with a data set uploaded in the body
 * or named by a path under {@code moat.experiments.root}, then follow it and fetch its report, CSV and charts.
 */
@Path("/v1/experiments")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentResource {

    /** Media types that mark an upload as Moat's JSONL; anything else is read as LoCoMo JSON. */
    private static final Set<String> JSONL =
            Set.of("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines");

    private static final String ID = "[0-9a-f-]{36}";

    private final ExperimentService experiments;
    private final ExperimentDatasets datasets;
    private final Destinations destinations;

    private final CallerContext caller;

    public ExperimentResource(
            ExperimentService experiments,
            ExperimentDatasets datasets,
            Destinations destinations,
            CallerContext caller) {
        this.experiments = experiments;
        this.datasets = datasets;
        this.destinations = destinations;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response start(
            @QueryParam("path") String path,
            @QueryParam("k") @DefaultValue("10") @Min(1) @Max(100) int k,
            @QueryParam("carry") String carry,
            @QueryParam("target") @DefaultValue("offline") String target,
            @QueryParam("provider") String provider,
            @QueryParam("questions") @Min(1) Integer questions,
            @QueryParam("seed") @DefaultValue("42") long seed,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        String tenant = admin();
        ExperimentOptions options = new ExperimentOptions(
                k,
                carry == null || carry.isBlank()
                        ? destinations.get(target).carry()
                        : Arrays.stream(carry.split(",")).map(CarryMode::of).toList(),
                target,
                provider == null || provider.isBlank() ? null : provider,
                questions,
                seed);
        boolean uploaded = body != null && body.length > 0;
        if (uploaded && path != null) {
            throw ProblemException.badRequest("send a data set in the body or name one with ?path=, not both");
        }
        String dataset = path != null ? path : "upload";
        List<Conversation> histories =
                path != null ? datasets.fromPath(path) : datasets.fromUpload(body, isJsonl(contentType));
        ExperimentView started = experiments.submit(tenant, dataset, histories, options);
        return Response.accepted(started)
                .location(URI.create("/v1/experiments/" + started.id()))
                .build();
    }

    /** The latest experiments first, without their reports. */
    @GET
    public List<ExperimentView> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit) {
        return experiments.recent(admin(), limit).stream()
                .map(ExperimentView::withoutReport)
                .toList();
    }

    @GET
    @Path("/{id}")
    public ExperimentView get(@PathParam("id") String id) {
        return find(id);
    }

    @GET
    @Path("/{id}/report.csv")
    @Produces("text/csv")
    public String csv(@PathParam("id") String id) {
        return experiments.csv(report(id));
    }

    @GET
    @Path("/{id}/charts/{name}")
    @Produces("image/svg+xml")
    public String chart(@PathParam("id") String id, @PathParam("name") String name) {
        return experiments
                .chart(report(id), name)
                .orElseThrow(() -> ProblemException.notFound("experiment " + id + " has no chart '" + name + "'"));
    }

    private ExperimentView find(String id) {
        String tenant = admin();
        return (id.matches(ID) ? experiments.find(tenant, id) : java.util.Optional.<ExperimentView>empty())
                .orElseThrow(() -> ProblemException.notFound("no experiment '" + id + "'"));
    }

    /** The report; 409 while the run has none (still running, failed or interrupted). */
    private ExperimentReport report(String id) {
        ExperimentView view = find(id);
        if (view.report() == null) {
            throw new ProblemException(
                    409,
                    "No report yet",
                    String.format(
                            Locale.ROOT,
                            "experiment %s is %s (%d of %d sessions): it has no report",
                            id,
                            view.status(),
                            view.progress().sessionsDone(),
                            view.progress().sessionsTotal()));
        }
        return view.report();
    }

    /** Experiments are an admin's: the tenant of the admin key. */
    private String admin() {
        Caller c = caller.get();
        c.requireAdmin();
        return c.tenantId();
    }

    private static boolean isJsonl(String contentType) {
        return contentType != null
                && JSONL.contains(contentType.split(";")[0].strip().toLowerCase(Locale.ROOT));
    }
}
