package dev.moat.lockin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import dev.moat.dataset.Conversation;
import dev.moat.dataset.DatasetException;
import dev.moat.dataset.LocomoReader;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code experiment run}: replays a data set's histories and writes the report (docs/EXPERIMENTS.md). */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Replay a data set's histories session by session; write report.json and report.csv.")
@Dependent
@Unremovable
public class ExperimentCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, description = "A LoCoMo .json or Moat .jsonl file, or a folder.")
    Path dataset;

    @Option(names = "--out", required = true, description = "Folder for the report (created if missing).")
    Path out;

    @Option(names = "--k", defaultValue = "10", description = "Recall cut-off (default ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--carry",
            split = ",",
            description = "Carry modes to measure (default: every mode the target accepts).")
    List<String> carry;

    @Option(
            names = "--target",
            defaultValue = "offline",
            description = "Destination or provider moved to; it prices the rebuild (default ${DEFAULT-VALUE}).")
    String target;

    @Option(
            names = "--provider",
            description = "Replay every message through the chat flow with this provider, storing its replies"
                    + " (default: memory only, no model calls).")
    String provider;

    @Option(names = "--questions", description = "Measure at most this many questions per user, picked by --seed.")
    Integer questions;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the only random choice, the questions --questions keeps (default ${DEFAULT-VALUE}).")
    long seed;

    @Inject
    ExperimentRunner runner;

    @Inject
    Destinations destinations;

    @Inject
    ExperimentFiles files;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws IOException {
        List<CarryMode> modes = carry == null
                ? destinations.get(target).carry()
                : carry.stream().map(CarryMode::of).toList();
        ExperimentOptions options = new ExperimentOptions(k, modes, target, provider, questions, seed);
        runner.check(options);
        List<Conversation> users;
        try {
            users = new LocomoReader(mapper).read(dataset);
        } catch (DatasetException e) {
            throw new CommandException(e.getMessage());
        }
        Files.createDirectories(out);
        long start = System.nanoTime();
        ExperimentReport report = runner.run(
                dataset.getFileName().toString(),
                users,
                options,
                UUID.randomUUID().toString().substring(0, 8),
                p -> progress(p, start));
        System.err.println();
        files.write(report, out);
        System.out.printf(
                Locale.ROOT,
                "%d users, %d sessions, %d questions: memory value %.3f at the end; recall loss %s; report in %s%n",
                report.summary().users(),
                report.summary().sessions(),
                report.summary().questions(),
                report.summary().memoryValue(),
                report.summary().recallLoss().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", ")),
                out.toAbsolutePath());
        return 0;
    }

    /** One line on stderr, rewritten in place: sessions done of total, rate, time left. */
    private static void progress(ExperimentRunner.Progress p, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = p.done() / Math.max(seconds, 1e-9);
        int width = 30;
        int filled = (int) Math.round(width * (double) p.done() / p.total());
        System.err.printf(
                Locale.ROOT,
                "\r[%s%s] %d/%d sessions, %.1f/s, %.0f s left ",
                "#".repeat(filled),
                ".".repeat(width - filled),
                p.done(),
                p.total(),
                rate,
                (p.total() - p.done()) / rate);
    }
}
