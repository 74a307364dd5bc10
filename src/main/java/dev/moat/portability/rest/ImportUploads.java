package dev.moat.portability.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.portability.jobs.ImportJobService;
import dev.moat.portability.jobs.ImportJobsConfig;
import dev.moat.problem.BodySizeLimit;
import dev.moat.problem.Problem;
import dev.moat.security.UploadGate;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Receives an import job's upload (POST /v1/users/{userId}/imports) into a file as it arrives, before the request body
 * limit applies, then hands the request on to {@link ImportJobResource} without its body: a document of any size up to
 * moat.imports.max-upload-size, never held in memory. Only a key that may act for the user gets its upload received;
 * any other request goes on unread, to be refused by the auth filter. The file is deleted when the request ends unless
 * a job took it.
 */
@ApplicationScoped
public class ImportUploads {

    private static final Logger LOG = Logger.getLogger(ImportUploads.class);
    /** Where the received file is, for the resource: a {@link Path}. */
    static final String FILE = "moat.import.upload";
    /** Its size in bytes: a {@link Long}. */
    static final String BYTES = "moat.import.bytes";

    private final UploadGate gate;
    private final ImportJobService jobs;
    private final ObjectMapper json;
    private final long maxBytes;

    public ImportUploads(UploadGate gate, ImportJobService jobs, ObjectMapper json, ImportJobsConfig config) {
        this.gate = gate;
        this.jobs = jobs;
        this.json = json;
        this.maxBytes = config.maxUploadSize().asLongValue();
    }

    void install(@Observes Router router) {
        // Before the body limit's own route (BodySizeLimit, order -1000) and the HTTP server's.
        router.post("/v1/users/:userId/imports").order(-2000).handler(this::receive);
    }

    private void receive(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parsed(declared) > maxBytes) {
            refuse(ctx, declared + " bytes");
            return;
        }
        request.pause();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String apiKey = request.getHeader("x-api-key");
        String userId = ctx.pathParam("userId");
        ctx.vertx()
                .executeBlocking(() -> gate.mayUpload(authorization, apiKey, userId), false)
                .onComplete(allowed -> {
                    if (allowed.succeeded() && allowed.result()) {
                        spool(ctx);
                    } else {
                        ctx.next(); // the auth filter answers, the body unread
                    }
                });
    }

    private void spool(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Path file = jobs.uploads().resolve(UUID.randomUUID() + ".upload");
        ctx.addEndHandler(done -> deleteIfLeft(file));
        ctx.vertx()
                .fileSystem()
                .open(file.toString(), new OpenOptions().setWrite(true).setCreateNew(true))
                .onFailure(ctx::fail)
                .onSuccess(out -> {
                    long[] received = {0};
                    request.handler(chunk -> {
                        received[0] += chunk.length();
                        if (received[0] > maxBytes) {
                            request.handler(null);
                            out.close();
                            refuse(ctx, "more than " + maxBytes + " bytes");
                            return;
                        }
                        out.write(chunk);
                        if (out.writeQueueFull()) {
                            request.pause();
                            out.drainHandler(drained -> request.resume());
                        }
                    });
                    request.exceptionHandler(e -> out.close());
                    request.endHandler(end -> received(ctx, out, file, received[0]));
                    request.resume();
                });
    }

    private static void received(RoutingContext ctx, AsyncFile out, Path file, long bytes) {
        if (ctx.response().ended()) {
            return;
        }
        out.close().onFailure(ctx::fail).onSuccess(closed -> {
            ctx.put(FILE, file);
            ctx.put(BYTES, bytes);
            // The body is in the file: the routes after this one see a request without one.
            ctx.request().headers().remove(HttpHeaders.CONTENT_LENGTH);
            ctx.next();
        });
    }

    private void refuse(RoutingContext ctx, String size) {
        Problem problem = Problem.of(
                413,
                "Upload too large",
                "The upload is " + size + "; an import job takes at most " + maxBytes
                        + " (moat.imports.max-upload-size). Split the document, or import it with the import command.",
                ctx.request().path());
        BodySizeLimit.refuseAndClose(ctx, json, problem);
    }

    private static long parsed(String declared) {
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void deleteIfLeft(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Cannot delete the upload %s: %s", file, e.getMessage());
        }
    }
}
