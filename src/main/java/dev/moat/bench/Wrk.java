package dev.moat.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Debian's wrk, a load generator in a process of its own, driven against this process's HTTP server: each run is a
 * number of connections for some seconds, every request's body a distinct line of a file (the script
 * bench/wrk.lua), and its figures read back from the line of JSON the script prints.
 */
final class Wrk {

    /** One run's figures; latencies in milliseconds. */
    record Run(
            String what,
            int connections,
            long requests,
            double seconds,
            double perSecond,
            double p50,
            double p90,
            double p99,
            double max,
            double mean) {}

    private record Printed(
            long requests,
            long micros,
            @JsonProperty("status_errors") long statusErrors,
            @JsonProperty("socket_errors") long socketErrors,
            long p50,
            long p90,
            long p99,
            long max,
            double mean,
            int wrapped) {}

    /** Waits until the server has answered what a run left in flight: wrk stops sending, not the server working. */
    interface Settle {
        void await() throws InterruptedException;
    }

    private final String executable;
    private final String base;
    private final String bearer;
    private final ObjectMapper mapper;
    private final Path script;
    private final Settle settle;

    Wrk(String executable, String base, String bearer, ObjectMapper mapper, Settle settle) throws IOException {
        this.executable = executable;
        this.settle = settle;
        this.base = base;
        this.bearer = bearer;
        this.mapper = mapper;
        this.script = Files.createTempFile("moat-wrk-", ".lua");
        try (InputStream in = Wrk.class.getResourceAsStream("/bench/wrk.lua")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().deleteOnExit();
        check();
    }

    /** Refuses to start the benchmark without wrk, saying how to get it. */
    private void check() {
        try {
            Process p = new ProcessBuilder(executable, "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (IOException e) {
            throw new CommandException(
                    "bench http drives wrk, a load generator in another process, and cannot run '" + executable + "' ("
                            + e.getMessage() + "): install it (Debian: apt-get install wrk) or give --wrk",
                    2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted", 1);
        }
    }

    /** A GET of path for some seconds over that many connections (one wrk thread per connection, at most 2). */
    Run get(String what, String path, boolean withKey, int connections, int seconds) throws Exception {
        return run(what, "GET", path, withKey, null, 0, connections, seconds);
    }

    /**
     * POSTs of JSON bodies to path, each body once (the run fails when it needs more bodies than given, since a
     * repeated one may be served from a cache).
     */
    Run post(String what, String path, List<String> bodies, int connections, int seconds) throws Exception {
        Path file = Files.createTempFile("moat-wrk-bodies-", ".jsonl");
        try {
            Files.write(file, bodies, StandardCharsets.UTF_8);
            return run(what, "POST", path, true, file, bodies.size(), connections, seconds);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Run run(
            String what,
            String method,
            String path,
            boolean withKey,
            Path bodies,
            int bodyCount,
            int connections,
            int seconds)
            throws Exception {
        int threads = Math.min(2, connections);
        List<String> command = new ArrayList<>(List.of(
                executable,
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "30s",
                "-s",
                script.toString(),
                "-H",
                "Content-Type: application/json"));
        if (withKey) {
            command.addAll(List.of("-H", "Authorization: " + bearer));
        }
        command.addAll(
                List.of(base + path, "--", bodies == null ? "" : bodies.toString(), Integer.toString(threads), method));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new CommandException("wrk failed on " + what + ": " + out.strip(), 1);
        }
        settle.await();
        String json = out.lines()
                .filter(l -> l.startsWith("{\"requests\""))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new CommandException("wrk printed no figures on " + what + ": " + out, 1));
        Printed printed = mapper.readValue(json, Printed.class);
        if (printed.statusErrors() + printed.socketErrors() > 0) {
            throw new CommandException(
                    String.format(
                            Locale.ROOT,
                            "%s: %d answers were not 2xx and %d requests failed; the figures would not be of the"
                                    + " service's work",
                            what,
                            printed.statusErrors(),
                            printed.socketErrors()),
                    1);
        }
        if (printed.wrapped() != 0) {
            throw new CommandException(
                    what + " used up its " + bodyCount + " distinct bodies, so some were sent twice and may have been"
                            + " answered from a cache: run it for fewer --seconds",
                    1);
        }
        if (printed.requests() == 0) {
            throw new CommandException(
                    what + ": no request was answered in " + seconds + " s, so there are no figures: run it for more"
                            + " --seconds",
                    1);
        }
        double secs = printed.micros() / 1e6;
        return new Run(
                what,
                connections,
                printed.requests(),
                secs,
                printed.requests() / secs,
                printed.p50() / 1e3,
                printed.p90() / 1e3,
                printed.p99() / 1e3,
                printed.max() / 1e3,
                printed.mean() / 1e3);
    }
}
