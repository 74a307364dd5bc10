package dev.moat.lockin.rest;

import dev.moat.lockin.SwitchingCost;
import dev.moat.lockin.SwitchingCostService;
import dev.moat.memory.MemoryLimits;
import dev.moat.problem.ProblemException;
import dev.moat.security.CallerContext;
import dev.moat.user.Owner;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The switching-cost meter of a user (docs/SWITCHING-COST.md). */
@Path("/v1/users/{userId}/switching-cost")
@Produces(MediaType.APPLICATION_JSON)
public class SwitchingCostResource {

    /** Probes one request may ask for. */
    static final int MAX_PROBES = 1_000;

    private final SwitchingCostService meter;

    private final CallerContext caller;

    public SwitchingCostResource(SwitchingCostService meter, CallerContext caller) {
        this.meter = meter;
        this.caller = caller;
    }

    @GET
    public SwitchingCost measure(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @QueryParam("target") @NotBlank(message = "name the provider to move to") String target,
            @QueryParam("k") @DefaultValue("10") @Min(1) @Max(MemoryLimits.MAX_K) int k,
            @QueryParam("probes") @Min(1) @Max(MAX_PROBES) Integer probes) {
        return meter.measure(caller.get().owner(userId), target, k, probes)
                .orElseThrow(() -> ProblemException.notFound("user '" + userId + "' has no memory to measure"));
    }
}
