package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bench perf --backend embedded,opensearch}: the same benchmark once per index backend, each in a JVM of its
 * own started like this one (same JVM options, same jar, same benchmark options), one after the other on the same
 * machine, each on a scratch database of its own; then their figures side by side. A process holds one backend for
 * its life, so two backends cannot share one.
 */
final class PerfBackends {

    /** Options the parent sets for each child itself. */
    private static final Set<String> OWN_OPTIONS = Set.of("--backend", "--json");

    /** What one run per backend measured, in the order run. */
    public record Comparison(List<PerfReport> runs) {}

    private final ObjectMapper mapper;

    PerfBackends(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Runs each backend's benchmark; their output goes to this process's, their reports are returned. */
    Comparison run(List<String> backends) throws IOException, InterruptedException {
        ProcessHandle.Info self = ProcessHandle.current().info();
        List<String> argv = List.of(self.arguments().orElse(new String[0]));
        int jar = argv.indexOf("-jar");
        if (self.command().isEmpty() || jar < 0 || jar + 1 >= argv.size()) {
            throw new CommandException("--backend with another backend than this process's runs the packaged jar"
                    + " again: start it as java -jar target/quarkus-app/quarkus-run.jar bench perf ...");
        }
        List<PerfReport> runs = new ArrayList<>();
        for (String backend : backends) {
            Path json = Files.createTempFile("moat-perf-" + backend + "-", ".json");
            try {
                List<String> command = new ArrayList<>();
                command.add(self.command().get());
                command.addAll(argv.subList(0, jar));
                command.add("-Dmoat.index.backend=" + backend); // the last -D of a name wins
                command.addAll(argv.subList(jar, jar + 2));
                command.addAll(withoutOwnOptions(argv.subList(jar + 2, argv.size())));
                command.addAll(List.of("--backend", backend, "--json", json.toString()));
                System.err.printf(Locale.ROOT, "%n== bench perf on the %s backend, in a process of its own%n", backend);
                int code = new ProcessBuilder(command).inheritIO().start().waitFor();
                if (code != 0) {
                    throw new CommandException("bench perf on the " + backend + " backend ended with " + code, code);
                }
                runs.add(mapper.readValue(json.toFile(), PerfReport.class));
            } finally {
                Files.deleteIfExists(json);
            }
        }
        return new Comparison(runs);
    }

    /** The command's arguments without the options set per child, in both forms (--json f and --json=f). */
    static List<String> withoutOwnOptions(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            if (OWN_OPTIONS.contains(eq < 0 ? arg : arg.substring(0, eq))) {
                i += eq < 0 ? 1 : 0; // skip the value too
                continue;
            }
            kept.add(arg);
        }
        return kept;
    }

    /** The runs side by side: per size, one row per backend. */
    static void print(Comparison comparison) {
        System.out.println();
        System.out.println("side by side, search p50 / p99 ms (engine: Lucene's queries, or the cluster's two searches"
                + " client round trips included; took: the cluster's own figure for them)");
        System.out.println("| memories | backend | HTTP | in-process | in-process, vector cached | engine alone"
                + " | engine's own took | ingest without embeddings /s |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        int steps =
                comparison.runs().stream().mapToInt(r -> r.steps().size()).max().orElse(0);
        for (int i = 0; i < steps; i++) {
            for (PerfReport run : comparison.runs()) {
                if (i >= run.steps().size()) {
                    continue;
                }
                PerfReport.Step s = run.steps().get(i);
                System.out.printf(
                        Locale.ROOT,
                        "| %,d (%s) | %s | %s | %s | %s | %s | %s | %,.0f |%n",
                        s.memories(),
                        s.scenario(),
                        run.machine().backend(),
                        PerfReport.ms(s.http()),
                        PerfReport.ms(s.inProcess()),
                        PerfReport.ms(s.inProcessCachedVector()),
                        PerfReport.ms(s.lucene()),
                        s.engineTook() == null ? "-" : PerfReport.ms(s.engineTook()),
                        s.ingestPerSecond());
            }
        }
        for (PerfReport run : comparison.runs()) {
            if (run.chat() != null) {
                System.out.printf(
                        Locale.ROOT,
                        "chat on %s: %.1f chats/s, p50 %.1f ms, p99 %.1f ms%n",
                        run.machine().backend(),
                        run.chat().perSecond(),
                        run.chat().ms().p50(),
                        run.chat().ms().p99());
            }
        }
    }
}
