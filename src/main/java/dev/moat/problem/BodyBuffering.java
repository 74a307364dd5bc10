package dev.moat.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads an API request's body whole on the event loop, before the request goes to a worker thread. The REST layer
 * parses a body already read from memory; without this it starts the worker first and has it wait for the body to
 * come from the event loop, one more hand-off between threads per request (3.5 % of a search's worker time in a
 * profile; docs/BENCHMARKS.md, "HTTP, chat and ingest against their floors"). The body limit stays
 * quarkus.http.limits.max-body-size: a body declared over it is refused by {@link BodySizeLimit} before any of it is
 * read, and one without Content-Length that grows past it gets the same 413 problem document here. Import uploads,
 * which ImportUploads streams to a file, and the dashboard's forms (outside /v1) are not buffered.
 */
@ApplicationScoped
public class BodyBuffering {

    /** After BodySizeLimit (-1000), which answers from the declared length without reading. */
    private static final int ORDER = -900;

    private final BodyHandler reader;
    private final long maxBytes;
    private final ObjectMapper json;

    public BodyBuffering(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max, ObjectMapper json) {
        this.maxBytes = max.asLongValue();
        this.json = json;
        // no file uploads: nothing under /v1 takes a form, and a stray one must not land on disk
        this.reader = BodyHandler.create(false).setBodyLimit(maxBytes);
    }

    void install(@Observes Router router) {
        router.route("/v1/*").order(ORDER).handler(this::read).failureHandler(this::refuse);
    }

    private void read(RoutingContext ctx) {
        if (buffered(ctx.request())) {
            reader.handle(ctx); // goes on to the next route once the body is in
        } else {
            ctx.next();
        }
    }

    /**
     * Whether the request's body is read here: a POST, PUT or PATCH that declares a JSON body (a Content-Length above
     * 0, or chunked) still to come, and is not an import job's upload. An empty body is left to the REST layer: the
     * handler would wait for the end of a request that has ended already. HTTP/2 is left to it too: the REST layer
     * pauses the request it takes, which an HTTP/2 stream refuses once its body is read (a 500, "Request has already
     * been read"), so only HTTP/1.x requests, what most clients and every benchmark here send, are read ahead.
     */
    static boolean buffered(HttpServerRequest request) {
        HttpMethod method = request.method();
        if (!(method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH)
                || request.version() == HttpVersion.HTTP_2
                || request.isEnded()) {
            return false;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean declared = length != null
                ? !length.strip().equals("0")
                : request.headers().contains(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED, true);
        String path = request.path();
        return declared && json(request) && !path.endsWith("/imports") && !path.endsWith("/imports/");
    }

    /**
     * Whether the body is JSON, what every /v1 endpoint that takes one reads. Any other type goes to the REST layer
     * as it is: the reader would decode a form itself, and answer a malformed one without a problem document.
     */
    private static boolean json(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        int semicolon = type.indexOf(';');
        String media =
                (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
    }

    private void refuse(RoutingContext ctx) {
        if (ctx.failure() instanceof HttpClosedException) {
            // The client went away, while its body came or after, when the request is the REST layer's (the
            // reader's close handler outlives the body): nobody to answer, and not this request's failure to log.
            return;
        }
        if (ctx.statusCode() != 413) {
            ctx.next();
            return;
        }
        BodySizeLimit.refuseAndClose(
                ctx,
                json,
                Problem.of(
                        413,
                        "Request body too large",
                        "The body grew past " + maxBytes + " bytes, the most accepted. Send large imports as an"
                                + " import job (POST /v1/users/{userId}/imports) or in several batches.",
                        ctx.request().path()));
    }
}
