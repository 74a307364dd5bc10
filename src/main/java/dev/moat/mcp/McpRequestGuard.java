package dev.moat.mcp;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a POST to /mcp whose body is JSON but not a JSON-RPC message object (null, an array, a string): the
 * extension answers those with a 500. Here they get 400 with a JSON-RPC "invalid request" error; anything that
 * starts as an object goes on to the extension, which answers malformed JSON with its own parse error.
 */
@ApplicationScoped
public class McpRequestGuard {

    /** As the REST API's quarkus.http.limits.max-body-size. */
    private static final long MAX_BODY = 8L << 20;

    void install(@Observes Router router) {
        router.post("/mcp")
                .order(-10)
                .handler(BodyHandler.create().setBodyLimit(MAX_BODY))
                .handler(McpRequestGuard::check);
    }

    private static void check(RoutingContext context) {
        String body = context.body().asString();
        if (body != null && body.stripLeading().startsWith("{")) {
            context.next();
            return;
        }
        context.response()
                .setStatusCode(400)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                        + "\"message\":\"a JSON-RPC request is one JSON object\"}}");
    }
}
