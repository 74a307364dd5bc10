package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import dev.moat.dataset.Conversation;
import dev.moat.dataset.ConversationIngest;
import dev.moat.dataset.DatasetException;
import dev.moat.dataset.LocomoReader;
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
            description = "Provider to move to (default ${DEFAULT-VALUE}).")
    String target;

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
    ObjectMapper mapper;

    /** Meter latency on a synthetic user, with the last run's figures. */
    public record LatencyReport(int memories, int probes, int k, Percentiles meterMs, SwitchingCost last) {}

    @Override
    public Integer call() throws IOException {
        if (k < 1 || k > 100 || probes < 1 || size < 1 || runs < 1) {
            throw new CommandException("--k in 1..100, --probes, --memories and --runs at least 1");
        }
        if (dataset != null) {
            json.write(mapper, conversations());
        } else {
            json.write(mapper, latency());
        }
        return 0;
    }

    private LatencyReport latency() {
        Owner owner = Owner.of("bench-meter");
        new SyntheticMemories(11).ingest(memories, owner, size);
        SwitchingCost last = measure(owner);
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            last = measure(owner);
            nanos[i] = System.nanoTime() - t;
        }
        memories.forget(owner);
        Percentiles ms = Percentiles.ofNanos(nanos);
        System.out.printf(
                Locale.ROOT,
                "meter, user with %d memories, %d probes, k=%d: p50 %.0f ms, max %.0f ms over %d runs%n",
                size,
                last.probes().count(),
                k,
                ms.p50(),
                ms.max(),
                runs);
        print(System.out, "bench-meter", last);
        return new LatencyReport(size, last.probes().count(), k, ms, last);
    }

    private SwitchingCost measure(Owner owner) {
        return meter.measure(owner, target, k, probes).orElseThrow();
    }

    private List<SwitchingCost> conversations() {
        List<Conversation> all;
        try {
            all = new LocomoReader(mapper).read(dataset);
        } catch (DatasetException e) {
            throw new CommandException(e.getMessage());
        }
        List<SwitchingCost> figures = new ArrayList<>();
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
            SwitchingCost cost =
                    meter.measure(owner, target, k, questions, "dataset").orElseThrow();
            print(System.out, c.id(), cost);
            figures.add(cost);
            memories.forget(owner);
        }
        return figures;
    }

    private static void print(PrintStream out, String name, SwitchingCost c) {
        out.printf(
                Locale.ROOT,
                "%s: %d memories over %d sessions, %d user tokens; %d probes (%s), recall@%d now %.3f; lock-in %d/100"
                        + " (%d ms)%n",
                name,
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
                        c.target(),
                        carry.rebuild().sessions()));
    }
}
