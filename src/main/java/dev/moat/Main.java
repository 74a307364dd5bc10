package dev.moat;

import dev.moat.bench.StartupBenchCommand;
import dev.moat.mcp.stdio.StdioCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.lucene.store.LockObtainFailedException;
import picocli.CommandLine;

/** Serves when started without arguments; runs a command (docs/OPERATIONS.md, "Commands") when given one. */
@QuarkusMain
public final class Main {

    private Main() {}

    public static void main(String... args) {
        if (args.length == 0) {
            Quarkus.run(args);
            return;
        }
        // Arguments are checked before the service starts, so a typo costs no start-up.
        CommandLine line = new CommandLine(new MoatCommand());
        boolean keepData = false;
        try {
            CommandLine.ParseResult parsed = line.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                System.exit(0);
            }
            CommandLine.ParseResult last = parsed;
            while (last.hasSubcommand()) {
                last = last.subcommand();
            }
            if (!(last.commandSpec().userObject() instanceof Callable<?>)) {
                System.err.println("error: name a command");
                last.commandSpec().commandLine().usage(System.err);
                System.exit(2);
            }
            keepData = last.commandSpec().userObject() instanceof StartupBenchCommand startup && startup.keepsData();
            if (last.commandSpec().userObject() instanceof StdioCommand relay) {
                // a relay to a running Moat: the service is not started here, so it holds no data folder
                System.exit(call(relay));
            }
        } catch (CommandLine.ParameterException e) {
            System.err.println("error: " + e.getMessage());
            e.getCommandLine().usage(System.err);
            System.exit(2);
        }
        // A command shares the machine with a serving instance: another port, logs on stderr, output on stdout.
        System.setProperty("quarkus.http.port", Integer.toString(freePort()));
        System.setProperty("quarkus.log.console.stderr", "true");
        // A command is not the service's first start: it makes no admin key of its own.
        System.setProperty("moat.auth.bootstrap", "false");
        if ("bench".equals(args[0])) {
            System.setProperty("moat.auth.rate-per-second", "0"); // a benchmark's load is the point
        }
        // Benchmarks and experiments replay into a database and index of their own, never the service's data.
        Path scratch = "bench".equals(args[0]) || "experiment".equals(args[0]) ? scratchDataDir() : null;
        boolean keep = keepData;
        Quarkus.run(
                CommandApplication.class,
                (code, failure) -> {
                    if (scratch != null && keep) {
                        System.err.println("data folder kept at " + scratch);
                    } else if (scratch != null) {
                        deleteTree(scratch);
                    }
                    if (failure != null && dataFolderInUse(failure)) {
                        System.err.println("error: the data folder is in use by a running Moat; stop it first, or"
                                + " use its HTTP API (for example GET /v1/users/{userId}/export)");
                        System.exit(2);
                    }
                    System.exit(code);
                },
                args);
    }

    private static int call(StdioCommand relay) {
        try {
            return relay.call();
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** True when start-up failed because another process holds the index or the embedded database. */
    private static boolean dataFolderInUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LockObtainFailedException
                    || (t.getMessage() != null && t.getMessage().contains("Database may be already in use"))) {
                return true;
            }
        }
        return false;
    }

    /** A port nothing listens on now; Quarkus's own random port (0) is not readable back from its config. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for the command's HTTP server", e);
        }
    }

    /** Benchmarks run on a database and index of their own, never on the service's data. */
    private static Path scratchDataDir() {
        try {
            Path dir = Files.createTempDirectory("moat-bench-");
            System.setProperty("moat.data-dir", dir.toAbsolutePath().toString());
            // On the OpenSearch backend, an index of their own too, deleted when they stop: a scratch database
            // beside the service's index would have its start-up repair remove the service's documents.
            System.setProperty(
                    "moat.opensearch.index", dir.getFileName().toString().toLowerCase(Locale.ROOT));
            System.setProperty("moat.opensearch.scratch", "true");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for the benchmark", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("warning: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
