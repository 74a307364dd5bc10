package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.ThreadMXBean;
import dev.moat.cli.CommandException;
import dev.moat.embed.EmbeddingService;
import dev.moat.index.IndexBenchmarkProbe;
import dev.moat.memory.MemoryService;
import dev.moat.memory.indexing.IndexRepairService;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a start-up costs at a size: this process's own boot on an empty data folder (JVM start to the command), then,
 * after loading the memories, the check a start-up runs before the service is ready (IndexRepairService.reconcile:
 * the index compared with the database), with the heap it takes. docs/BENCHMARKS.md, "Start-up at 1,000,000
 * memories", reports a run.
 */
@Command(
        name = "startup",
        mixinStandardHelpOptions = true,
        description = "Start-up at a size: boot, and the index check against the database, its time and heap.")
@Dependent
@Unremovable
public class StartupBenchCommand implements Callable<Integer> {

    @Option(names = "--users", defaultValue = "1000", description = "Users (${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--per-user", defaultValue = "1000", description = "Memories of each (${DEFAULT-VALUE}).")
    int perUser;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the corpus (${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--keep-data",
            description = "Leave the loaded data folder in place when done (its path on stderr), to time a real"
                    + " restart on it (src/bench/restart.sh).")
    boolean keepData;

    @Mixin
    JsonReport json;

    @Inject
    MemoryService memories;

    @Inject
    EmbeddingService embeddings;

    @Inject
    IndexBenchmarkProbe probe;

    @Inject
    IndexRepairService repair;

    @Inject
    ObjectMapper mapper;

    /**
     * Seconds and megabytes: boot is JVM start to this command on an empty folder; check the start-up's index check
     * at the size, allocated what its thread allocated, peakHeapOverBaseline the heap above the settled heap while it
     * ran (sampled every 10 ms); readyEstimate boot plus check.
     */
    public record StartupBenchReport(
            long memories,
            double bootSeconds,
            double loadSeconds,
            double checkSeconds,
            double allocatedMb,
            double peakHeapOverBaselineMb,
            double readyEstimateSeconds,
            IndexRepairService.RepairReport check) {}

    /** Whether the command's scratch data folder outlives it (Main deletes it otherwise). */
    public boolean keepsData() {
        return keepData;
    }

    @Override
    public Integer call() throws Exception {
        double boot = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        if (users < 1 || perUser < 1) {
            throw new CommandException("--users, --per-user >= 1");
        }
        long total = (long) users * perUser;
        System.err.printf(Locale.ROOT, "bench startup: %,d users x %,d memories = %,d%n", users, perUser, total);
        ComposedVectors vectors = new ComposedVectors(embeddings, seed);
        SyntheticMemories corpus = new SyntheticMemories(seed);
        long t0 = System.nanoTime();
        try (BulkLoader loader = new BulkLoader(memories, 1)) {
            loader.ingestUsers("startup-u", users, perUser, corpus, vectors);
            loader.await();
        }
        probe.awaitMerges();
        double load = (System.nanoTime() - t0) / 1e9;

        System.err.println("  the start-up check: the index against the database");
        MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = heap.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(heap.getHeapMemoryUsage().getUsed(), Math::max);
                LockSupport.parkNanos(10_000_000);
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated0 = threads.getCurrentThreadAllocatedBytes();
        t0 = System.nanoTime();
        IndexRepairService.RepairReport check = repair.reconcile();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;
        running.set(false);
        sampler.join();

        StartupBenchReport report = new StartupBenchReport(
                total,
                JsonReport.round2(boot),
                JsonReport.round2(load),
                JsonReport.round2(seconds),
                JsonReport.round2(allocated / 1048576.0),
                JsonReport.round2((peak.get() - baseline) / 1048576.0),
                JsonReport.round2(boot + seconds),
                check);
        System.out.printf(
                Locale.ROOT,
                "%,d memories: boot %.1f s (empty folder); the start-up check %.1f s, %.0f MB allocated, heap peak"
                        + " %.0f MB above the settled heap; ready in about %.1f s%n",
                total,
                report.bootSeconds(),
                report.checkSeconds(),
                report.allocatedMb(),
                report.peakHeapOverBaselineMb(),
                report.readyEstimateSeconds());
        json.write(mapper, report);
        return 0;
    }
}
