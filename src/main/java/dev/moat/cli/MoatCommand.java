package dev.moat.cli;

import dev.moat.bench.BenchCommand;
import picocli.CommandLine.Command;

/** The commands the jar runs when given arguments. */
@Command(
        name = "moat",
        mixinStandardHelpOptions = true,
        description = "Moat: started without arguments it serves; with one it runs a command.",
        subcommands = {BenchCommand.class})
public final class MoatCommand {}
