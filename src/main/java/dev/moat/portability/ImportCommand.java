package dev.moat.portability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import dev.moat.user.Owner;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Imports a passport, ChatGPT's or Claude's conversations.json, mem0's memories or a Letta agent file into a user: what
 * POST .../import does.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import a memory passport, a ChatGPT or Claude conversations.json, mem0 memories or a Letta .af.")
@Dependent
@Unremovable
public class ImportCommand implements Callable<Integer> {

    @Option(names = "--user", required = true, description = "The user to import into.")
    String user;

    @Option(
            names = "--format",
            defaultValue = "passport",
            description = "passport, chatgpt, claude, mem0 or letta (default ${DEFAULT-VALUE}).")
    String format;

    @Parameters(index = "0", paramLabel = "FILE", description = "The document to import.")
    Path file;

    @Inject
    PassportService passports;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() throws IOException {
        ImportFormat chosen = ImportFormat.of(format);
        JsonNode document;
        try {
            document = mapper.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CommandException("no such file: " + file);
        } catch (JsonProcessingException e) {
            throw new CommandException(file + " is not JSON: " + e.getOriginalMessage());
        }
        ImportResult r = passports.importDocument(owner(user), document, chosen);
        System.out.printf(
                Locale.ROOT,
                "imported %s into user %s: %d memories added (%d already there), %d sessions and %d messages added,"
                        + " %d history events%n",
                file,
                user,
                r.memoriesAdded(),
                r.memoriesSkipped(),
                r.sessionsAdded(),
                r.messagesAdded(),
                r.eventsAdded());
        return 0;
    }

    static Owner owner(String user) {
        if (user == null || !user.matches(Owner.USER_ID_PATTERN)) {
            throw new CommandException("--user must match " + Owner.USER_ID_PATTERN);
        }
        return Owner.of(user);
    }
}
