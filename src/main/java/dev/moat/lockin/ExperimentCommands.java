package dev.moat.lockin;

import picocli.CommandLine.Command;

/** Lock-in experiments: replays of users' histories, measured session by session. */
@Command(
        name = "experiment",
        mixinStandardHelpOptions = true,
        description = "Lock-in experiments on a scratch database of their own.",
        subcommands = {ExperimentCommand.class})
public final class ExperimentCommands {}
