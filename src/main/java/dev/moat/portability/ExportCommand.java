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

/** Writes a user's export to a file: what GET /v1/users/{userId}/export answers. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Write a user's memory to a file: a passport, mem0 add requests, a digest or JSONL history.")
@Dependent
@Unremovable
public class ExportCommand implements Callable<Integer> {

    @Option(names = "--user", required = true, description = "The user whose memory to export.")
    String user;

    @Option(names = "--out", required = true, description = "The file to write (replaced if it exists).")
    Path out;

    @Option(
            names = "--format",
            defaultValue = "passport",
            description = "passport, mem0, digest or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--max-tokens", description = "A digest's budget in cl100k tokens (default 2000, at most 32000).")
    Integer maxTokens;

    @Inject
    ExportService exports;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws IOException {
        ExportFormat chosen = ExportFormat.of(format); // a refusal is printed as such by CommandApplication
        ExportService.Export export = exports.export(ImportCommand.owner(user), chosen, maxTokens)
                .orElseThrow(() -> new CommandException("user '" + user + "' has no memory to export"));
        // Written beside the target, then moved: a failed export never leaves half a file under the name.
        Path absolute = out.toAbsolutePath();
        if (!Files.isDirectory(absolute.getParent())) {
            throw new CommandException("no folder " + absolute.getParent() + " to write " + out.getFileName() + " in");
        }
        Path partial = Files.createTempFile(absolute.getParent(), ".export-", ".partial");
        try {
            if (export.body() instanceof String text) {
                Files.writeString(partial, text);
            } else {
                mapper.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), export.body());
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        System.out.printf(
                Locale.ROOT, "exported user %s as %s: %s, to %s%n", user, chosen.id(), export.summary(), absolute);
        return 0;
    }
}
