package dev.moat.memory.rest;

import dev.moat.index.MemoryIndex;
import dev.moat.memory.indexing.IndexRepairService;
import dev.moat.security.CallerContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Index administration: its status, and a rebuild from the database. */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminIndexResource {

    private final IndexRepairService repair;
    private final MemoryIndex index;

    private final CallerContext caller;

    public AdminIndexResource(IndexRepairService repair, MemoryIndex index, CallerContext caller) {
        this.repair = repair;
        this.index = index;
        this.caller = caller;
    }

    /** Drops the index and rebuilds it from the database; searches wait until it is done. */
    @POST
    @Path("/reindex")
    public IndexRepairService.RepairReport reindex() {
        caller.get().requireAdmin();
        return repair.rebuild();
    }

    /** Memories in the index and the last database change it applied. */
    @GET
    @Path("/index")
    public MemoryIndex.IndexStatus status() {
        caller.get().requireAdmin();
        return index.status();
    }
}
