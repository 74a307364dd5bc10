package dev.moat.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged jar (target/quarkus-app/quarkus-run.jar) as a server process on a free port, for the ITs. */
public final class RunningJar implements AutoCloseable {

    public static final Path JAR = Path.of(System.getProperty("moat.jar", "target/quarkus-app/quarkus-run.jar"));

    /**
     * The JIT's first tier only: the jar starts about a fifth sooner (5.0 s instead of 6.2 s on 2 cores), which the
     * ITs, starting it twenty-odd times, feel more than the slower steady state.
     */
    public static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    private final Path dataDir;
    private final List<String> properties;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int port;

    public RunningJar(Path dataDir, String... systemProperties) {
        this.dataDir = dataDir;
        this.properties = List.of(systemProperties);
    }

    /** Starts the server and waits until /q/health/ready answers 200. */
    public RunningJar start() throws IOException, InterruptedException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
        List<String> command = new ArrayList<>(List.of(
                "java", QUICK_START, "-Dquarkus.http.port=" + port, "-Dmoat.data-dir=" + dataDir.toAbsolutePath()));
        properties.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", JAR.toString()));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited; see " + log);
            }
            try {
                var r = http.send(
                        HttpRequest.newBuilder(uri("/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not ready within 90 s; see " + log);
    }

    /** The admin key the server's first start wrote to its data folder. */
    public String adminKey() throws IOException {
        return Files.readString(dataDir.resolve("admin.key")).strip();
    }

    /** A request to the server with the admin key. */
    public HttpRequest.Builder request(String path) throws IOException {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + adminKey());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, then wait for a clean shutdown. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
