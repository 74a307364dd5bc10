package dev.moat.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared body is over quarkus.http.limits.max-body-size with a 413 problem document
 * before any of the body is read. (A body without Content-Length that grows past the limit gets its 413 problem
 * document from {@link BodyBuffering}, under /v1, or from the HTTP server, without a body, elsewhere.)
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;
    private final ObjectMapper json;

    public BodySizeLimit(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max, ObjectMapper json) {
        this.maxBytes = max.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(ctx -> {
            String declared = ctx.request().getHeader("Content-Length");
            if (declared != null && isOver(declared)) {
                Problem problem = Problem.of(
                        413,
                        "Request body too large",
                        "The body is " + declared + " bytes; at most " + maxBytes
                                + " are accepted. Send large imports as an import job (POST /v1/users/{userId}/imports) or in"
                                + " several batches.",
                        ctx.request().path());
                refuseAndClose(ctx, json, problem);
                return;
            }
            ctx.next();
        });
    }

    /**
     * Answers a route with the problem before its body is read, and closes the connection once the answer is out:
     * the unread body must not be taken for the next request.
     */
    public static void refuseAndClose(RoutingContext ctx, ObjectMapper json, Problem problem) {
        try {
            ctx.response()
                    .setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE.toString())
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(problem))
                    .onComplete(done -> ctx.request().connection().close());
        } catch (JsonProcessingException e) {
            ctx.fail(problem.status(), e);
        }
    }

    private boolean isOver(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
