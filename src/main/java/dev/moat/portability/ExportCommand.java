package dev.moat.portability;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes a user's passport to a file: what GET /v1/users/{userId}/export answers. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write a user's memory passport to a file.")
@Dependent
@Unremovable
public class ExportCommand implements Callable<Integer> {

    @Option(names = "--user", required = true, description = "The user whose memory to export.")
    String user;

    @Option(names = "--out", required = true, description = "The file to write (replaced if it exists).")
    Path out;

    @Inject
    PassportService passports;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws IOException {
        Passport passport = passports
                .export(ImportCommand.owner(user))
                .orElseThrow(() -> new CommandException("user '" + user + "' has no memory to export"));
        // Written beside the target, then moved: a failed export never leaves half a file under the name.
        Path absolute = out.toAbsolutePath();
        if (!Files.isDirectory(absolute.getParent())) {
            throw new CommandException("no folder " + absolute.getParent() + " to write " + out.getFileName() + " in");
        }
        Path partial = Files.createTempFile(absolute.getParent(), ".export-", ".partial");
        try {
            mapper.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), passport);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        System.out.printf(
                Locale.ROOT,
                "exported user %s: %d memories, %d sessions, %d history events to %s%n",
                user,
                passport.memories().size(),
                passport.sessions().size(),
                passport.history().size(),
                absolute);
        return 0;
    }
}
