package dev.moat.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar (target/quarkus-app/quarkus-run.jar) as a server process on a free port, for the ITs. */
public final class RunningJar implements AutoCloseable {

    public static final Path JAR = Path.of(System.getProperty("moat.jar", "target/quarkus-app/quarkus-run.jar"));

    /**
     * The JIT's first tier only: the jar starts about a fifth sooner (5.0 s instead of 6.2 s on 2 cores), which the
     * ITs, starting it twenty-odd times, feel more than the slower steady state. Hence no --add-modules
     * jdk.incubator.vector either: the Vector API is fast only once C2 compiles it, so the ITs run Lucene's scalar
     * vector comparisons (the unit and @QuarkusTests run the SIMD ones).
     */
    public static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    /**
     * A class-data archive (AppCDS) of the jar, shared by the ITs' JVMs: the first server that stops cleanly writes
     * it, every later start maps it and is ready about 1.3 s sooner (4.4 s instead of 5.7 s on 2 cores). An archive
     * older than the jar is deleted; one the JVM cannot use is ignored by it (-Xshare:auto).
     */
    private static final Path ARCHIVE =
            JAR.toAbsolutePath().resolveSibling("../it-classes.jsa").normalize();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static boolean dumping;

    private final Path jar;
    private final Path dataDir;
    private final List<String> properties;
    private String key;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int port;
    private Path dump;

    public RunningJar(Path dataDir, String... systemProperties) {
        this(JAR, dataDir, systemProperties);
    }

    /** A server of another build (the PostgreSQL one); only the default jar shares the class-data archive. */
    public RunningJar(Path jar, Path dataDir, String... systemProperties) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.properties = List.of(systemProperties);
    }

    /** Uses this admin key rather than the one the server's first start wrote (an instance that wrote none). */
    public RunningJar usingKey(String adminKey) {
        this.key = adminKey;
        return this;
    }

    /** Starts the server and waits until /q/health/ready answers 200. */
    public RunningJar start() throws IOException, InterruptedException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
        List<String> command = new ArrayList<>(List.of("java"));
        synchronized (RunningJar.class) {
            if (jar.equals(JAR) && archive() == null && !dumping) {
                dumping = true;
                dump = ARCHIVE.resolveSibling(
                        "it-classes-" + ProcessHandle.current().pid() + ".jsa");
                command.addAll(List.of("-XX:ArchiveClassesAtExit=" + dump, "-Xlog:disable"));
            }
        }
        command.addAll(jar.equals(JAR) ? jvmOptions() : List.of(QUICK_START));
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dmoat.data-dir=" + dataDir.toAbsolutePath()));
        properties.forEach(p -> command.add("-D" + p));
        command.addAll(List.of("-jar", jar.toString()));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        await().alias("the server ready (its log: " + log + ")")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the server exited; see " + log);
                    }
                    try {
                        return http.send(
                                                HttpRequest.newBuilder(uri("/q/health/ready"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false; // not listening yet
                    }
                });
        return this;
    }

    /** The JVM options of every jar the ITs run: the first JIT tier only, and the class-data archive once there. */
    public static synchronized List<String> jvmOptions() {
        Path archive = archive();
        return archive == null
                ? List.of(QUICK_START)
                : List.of(QUICK_START, "-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:disable");
    }

    private static Path archive() {
        try {
            if (Files.exists(ARCHIVE)
                    && Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JAR)) < 0) {
                Files.delete(ARCHIVE); // from an earlier build of the jar
            }
        } catch (IOException e) {
            return null;
        }
        return Files.exists(ARCHIVE) ? ARCHIVE : null;
    }

    /** The archive this server wrote as it exited cleanly becomes the shared one; after a SIGKILL there is none. */
    private void releaseDump() throws IOException {
        if (dump == null) {
            return;
        }
        synchronized (RunningJar.class) {
            if (Files.exists(dump)) {
                Files.move(dump, ARCHIVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            dumping = false;
            dump = null;
        }
    }

    /** The admin key the server's first start wrote to its data folder. */
    public String adminKey() throws IOException {
        if (key != null) {
            return key;
        }
        return Files.readString(dataDir.resolve("admin.key")).strip();
    }

    /** A request to the server with the admin key. */
    public HttpRequest.Builder request(String path) throws IOException {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + adminKey());
    }

    /** A new user key for the user, made with the admin key. */
    public String userKey(String user) throws IOException, InterruptedException {
        HttpResponse<String> made = http.send(
                request("/v1/admin/keys")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("role", "user", "userId", user))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (made.statusCode() != 201) {
            throw new AssertionError("POST /v1/admin/keys: " + made.statusCode() + " " + made.body());
        }
        return JSON.readTree(made.body()).get("key").asText();
    }

    /** GET with the admin key; the JSON body of a 200, or an AssertionError naming what came instead. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException, IOException {
        process.destroyForcibly().waitFor();
        releaseDump();
    }

    /** SIGTERM, then wait for a clean shutdown. */
    @Override
    public void close() throws InterruptedException, IOException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        releaseDump();
    }
}
