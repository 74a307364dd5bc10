package dev.moat;

import dev.moat.cli.CommandException;
import dev.moat.problem.ProblemException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.QuarkusApplication;
import picocli.CommandLine;

/** Runs one command inside the started service, with its beans injected into the command objects. */
public final class CommandApplication implements QuarkusApplication {

    @Override
    public int run(String... args) {
        CommandLine line = new CommandLine(MoatCommand.class, new CdiFactory());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CommandException known) {
                cmd.getErr().println("error: " + known.getMessage());
                return known.exitCode();
            }
            if (e instanceof ProblemException refused) {
                cmd.getErr().println("error: " + refused.getMessage());
                return 2;
            }
            throw e;
        });
        return line.execute(args);
    }

    /** Commands and their helpers come from CDI when they are beans, from picocli otherwise. */
    private static final class CdiFactory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            InstanceHandle<K> bean = Arc.container().instance(type);
            return bean.isAvailable()
                    ? bean.get()
                    : CommandLine.defaultFactory().create(type);
        }
    }
}
