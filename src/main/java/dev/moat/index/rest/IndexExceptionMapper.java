package dev.moat.index.rest;

import dev.moat.index.IndexException;
import dev.moat.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An index failure as a problem document: the database kept the data, and a repair is under way. */
public class IndexExceptionMapper {

    private static final Logger LOG = Logger.getLogger(IndexExceptionMapper.class);

    @ServerExceptionMapper
    public Response mapIndex(IndexException e, UriInfo uri) {
        String path = Problem.path(uri);
        LOG.error("Index failure on " + path, e);
        return Response.fromResponse(Problem.of(
                                503,
                                "Search index unavailable",
                                "The search index could not be read; it is being repaired from the database."
                                        + " Retry in a few seconds.",
                                path)
                        .toResponse())
                .header("Retry-After", "5")
                .build();
    }
}
