package dev.moat;

import dev.moat.bench.BenchCommand;
import dev.moat.lockin.ExperimentCommands;
import dev.moat.mcp.stdio.StdioCommand;
import dev.moat.portability.ExportCommand;
import dev.moat.portability.ImportCommand;
import picocli.CommandLine.Command;

/** The commands the jar runs when given arguments. */
@Command(
        name = "moat",
        mixinStandardHelpOptions = true,
        description = "Moat: started without arguments it serves; with one it runs a command.",
        subcommands = {
            BenchCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            ExperimentCommands.class,
            StdioCommand.class
        })
public final class MoatCommand {}
