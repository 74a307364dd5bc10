package dev.moat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A real OpenSearch node (2.19, with k-NN and the english analyzer) in a child JVM, built from Maven Central jars by
 * the invoker execution of the pom (src/test/opensearch-node): started once per test JVM, on free ports, stopped at
 * its exit. Tests may stop and start it again (an outage); its data folder survives that.
 */
public final class OpenSearchNode {

    private static OpenSearchNode shared;

    private final Path home;
    private final int httpPort;
    private final int transportPort;
    private Process process;

    private OpenSearchNode(Path home, int httpPort, int transportPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    /** The test JVM's node, started on first use. */
    public static synchronized OpenSearchNode shared() {
        if (shared == null) {
            try {
                Path home = Files.createTempDirectory("moat-opensearch-");
                shared = new OpenSearchNode(home, freePort(), freePort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts the node and waits until it answers HTTP, at most 90 s. */
    public synchronized void start() {
        String lib = System.getProperty("tests.opensearch.node.lib");
        if (lib == null || !Files.isDirectory(Path.of(lib))) {
            throw new IllegalStateException("no OpenSearch node jars at " + lib
                    + ": run the tests through Maven (./mvnw verify), whose invoker execution builds them");
        }
        try {
            Path log = home.resolve("node.log");
            process = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xms256m",
                            "-Xmx256m",
                            "-XX:+UseSerialGC",
                            "-cp",
                            lib + "/*",
                            "dev.moat.testnode.TestNode",
                            home.toString(),
                            "moat-test",
                            "node-0",
                            Integer.toString(httpPort),
                            Integer.toString(transportPort)))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(
                            URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            Awaitility.await("the OpenSearch node to answer (its log: " + log + ")")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the OpenSearch node exited; its log: " + log);
                        }
                        return http.send(health, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the node (SIGTERM, then SIGKILL after 20 s). */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
