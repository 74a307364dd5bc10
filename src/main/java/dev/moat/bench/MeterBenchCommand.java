package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import dev.moat.dataset.Conversation;
import dev.moat.dataset.ConversationIngest;
import dev.moat.dataset.DatasetException;
import dev.moat.dataset.LocomoReader;
import dev.moat.lockin.CarryMode;
import dev.moat.lockin.Destination;
import dev.moat.lockin.Destinations;
import dev.moat.lockin.Probe;
import dev.moat.lockin.SwitchingCost;
import dev.moat.lockin.SwitchingCostService;
import dev.moat.memory.MemoryService;
import dev.moat.user.Owner;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The switching-cost meter, measured: its latency on a synthetic user, or its figures per conversation of a
 * LoCoMo-format data set, with the data set's questions as probes.
 */
@Command(
        name = "meter",
        mixinStandardHelpOptions = true,
        description = "Switching-cost meter latency (synthetic user), or its figures per LoCoMo conversation.")
@Dependent
@Unremovable
public class MeterBenchCommand implements Callable<Integer> {

    @Option(names = "--dataset", description = "A LoCoMo-format .json file or a folder: figures per conversation.")
    Path dataset;

    @Option(
            names = "--memories",
            defaultValue = "1000",
            description = "Synthetic user's memories (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--probes", defaultValue = "100", description = "Derived probes (default ${DEFAULT-VALUE}).")
    int probes;

    @Option(names = "--k", defaultValue = "10", description = "Recall cut-off (default ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--target",
            defaultValue = "offline",
            split = ",",
            description = "Destinations or providers to move to, comma-separated (default ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(
            names = "--digest-tokens",
            split = ",",
            description = "With --dataset: the digest's recall at each of these budgets, e.g. 500,2000,8000.")
    List<Integer> digestTokens;

    @Option(
            names = "--runs",
            defaultValue = "5",
            description = "Timed meter runs after one warm-up (default ${DEFAULT-VALUE}).")
    int runs;

    @Mixin
    JsonReport json;

    @Inject
    MemoryService memories;

    @Inject
    SwitchingCostService meter;

    @Inject
    Destinations destinations;

    @Inject
    ObjectMapper mapper;

    /** Meter latency on a synthetic user for one target, with the last run's figures. */
    public record LatencyReport(
            String target, int memories, int probes, int k, double firstMs, Percentiles meterMs, SwitchingCost last) {}

    /** One conversation's figures: the meter for each target, and a digest's recall at each budget asked. */
    public record ConversationReport(String conversation, List<SwitchingCost> targets, List<DigestRecall> digest) {}

    /** The recall a digest of this many tokens keeps, pasted into the chat-assistant destination. */
    public record DigestRecall(int tokens, double recallNow, double recallAfter) {}

    @Override
    public Integer call() throws IOException {
        if (k < 1 || k > 100 || probes < 1 || size < 1 || runs < 1) {
            throw new CommandException("--k in 1..100, --probes, --memories and --runs at least 1");
        }
        targets.forEach(destinations::get); // an unknown one is refused, with the destinations and providers there are
        if (dataset != null) {
            json.write(mapper, conversations());
        } else {
            json.write(mapper, latency());
        }
        return 0;
    }

    /**
     * Per target: the first run (which embeds what a re-embedding destination holds) and the runs after it (whose
     * vectors come from the meter's cache, as in an experiment measuring after every session).
     */
    private List<LatencyReport> latency() {
        Owner owner = Owner.of("bench-meter");
        new SyntheticMemories(11).ingest(memories, owner, size);
        List<LatencyReport> reports = new ArrayList<>();
        for (String target : targets) {
            long first = System.nanoTime();
            SwitchingCost last = meter.measure(owner, target, k, probes).orElseThrow();
            long firstNanos = System.nanoTime() - first;
            long[] nanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                last = meter.measure(owner, target, k, probes).orElseThrow();
                nanos[i] = System.nanoTime() - t;
            }
            Percentiles ms = Percentiles.ofNanos(nanos);
            System.out.printf(
                    Locale.ROOT,
                    "meter to %s (embedding %s), user with %d memories, %d probes, k=%d: first run %.0f ms; then p50"
                            + " %.0f ms, max %.0f ms over %d runs%n",
                    target,
                    last.destination().embeddingModel(),
                    size,
                    last.probes().count(),
                    k,
                    firstNanos / 1e6,
                    ms.p50(),
                    ms.max(),
                    runs);
            print(System.out, "bench-meter", last);
            reports.add(new LatencyReport(target, size, last.probes().count(), k, firstNanos / 1e6, ms, last));
        }
        memories.forget(owner);
        return reports;
    }

    private List<ConversationReport> conversations() {
        List<Conversation> all;
        try {
            all = new LocomoReader(mapper).read(dataset);
        } catch (DatasetException e) {
            throw new CommandException(e.getMessage());
        }
        List<ConversationReport> figures = new ArrayList<>();
        for (Conversation c : all) {
            Owner owner = Owner.of(ConversationIngest.userId("locomo-", c));
            memories.forget(owner);
            Map<String, String> memoryOf = ConversationIngest.add(memories, owner, c.turns(), added -> {});
            List<Probe> questions = new ArrayList<>();
            for (Conversation.Question q : c.questions()) {
                if (!q.adversarial() && !q.evidence().isEmpty()) {
                    questions.add(new Probe(
                            q.text(),
                            q.evidence().stream()
                                    .map(d -> Set.of(memoryOf.get(d)))
                                    .toList()));
                }
            }
            List<SwitchingCost> costs = new ArrayList<>();
            for (String target : targets) {
                Destination to = destinations.get(target);
                SwitchingCost cost = meter.measure(owner, to, to.carry(), k, questions, "dataset")
                        .orElseThrow();
                print(System.out, c.id(), cost);
                costs.add(cost);
            }
            List<DigestRecall> digest = new ArrayList<>();
            for (int tokens : digestTokens == null ? List.<Integer>of() : digestTokens) {
                Destination to = destinations.get("chat-assistant").withDigestTokens(tokens);
                SwitchingCost cost = meter.measure(owner, to, List.of(CarryMode.DIGEST), k, questions, "dataset")
                        .orElseThrow();
                double after = cost.carry().get(CarryMode.DIGEST.id()).recallAfter();
                System.out.printf(
                        Locale.ROOT,
                        "%s: a digest of %d tokens keeps recall@%d %.3f of %.3f%n",
                        c.id(),
                        tokens,
                        k,
                        after,
                        cost.probes().recallNow());
                digest.add(new DigestRecall(tokens, cost.probes().recallNow(), after));
            }
            figures.add(new ConversationReport(c.id(), costs, digest));
            memories.forget(owner);
        }
        return figures;
    }

    private static void print(PrintStream out, String name, SwitchingCost c) {
        out.printf(
                Locale.ROOT,
                "%s to %s: %d memories over %d sessions, %d user tokens; %d probes (%s), recall@%d now %.3f; lock-in"
                        + " %d/100 (%d ms)%n",
                name,
                c.target(),
                c.history().memoriesByKind().values().stream()
                        .mapToLong(Long::longValue)
                        .sum(),
                c.history().sessions(),
                c.history().userTokens(),
                c.probes().count(),
                c.probes().source(),
                c.k(),
                c.probes().recallNow(),
                c.lockInScore(),
                c.tookMs());
        c.carry()
                .forEach((mode, carry) -> out.printf(
                        Locale.ROOT,
                        "  %-10s recall after %.3f, loss %.3f; rebuild %d tokens, $%.4f at %s, %d sessions%n",
                        mode,
                        carry.recallAfter(),
                        carry.recallLoss(),
                        carry.rebuild().userTokens(),
                        carry.rebuild().costUsd(),
                        c.destination().provider(),
                        carry.rebuild().sessions()));
    }
}
