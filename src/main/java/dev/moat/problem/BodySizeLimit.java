package dev.moat.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared body is over quarkus.http.limits.max-body-size with a 413 problem document
 * before any of the body is read. (A body without Content-Length that grows past the limit still gets 413, from
 * the HTTP server, without a body.)
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
                try {
                    ctx.response()
                            .setStatusCode(413)
                            .putHeader("Content-Type", Problem.MEDIA_TYPE.toString())
                            .putHeader("Connection", "close")
                            // The unread body must not be taken for the next request: close the connection.
                            .end(json.writeValueAsString(problem))
                            .onComplete(done -> ctx.request().connection().close());
                } catch (JsonProcessingException e) {
                    ctx.fail(413, e);
                }
                return;
            }
            ctx.next();
        });
    }

    private boolean isOver(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
