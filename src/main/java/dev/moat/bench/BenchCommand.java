package dev.moat.bench;

import picocli.CommandLine.Command;

/** Benchmarks: each prints figures, and writes them as JSON with --json. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure retrieval quality and speed on a scratch database of their own.",
        subcommands = {
            RecallBenchCommand.class,
            SearchBenchCommand.class,
            ChatBenchCommand.class,
            MeterBenchCommand.class,
            PerfBenchCommand.class,
            HttpBenchCommand.class,
            IngestBenchCommand.class,
            StartupBenchCommand.class,
            ImportBenchCommand.class
        })
public final class BenchCommand {}
