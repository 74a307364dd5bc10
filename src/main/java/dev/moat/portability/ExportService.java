package dev.moat.portability;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.problem.ProblemException;
import dev.moat.user.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** A user's memory out in any of the export formats, each built from the user's passport. */
@ApplicationScoped
public class ExportService {

    private final PassportService passports;
    private final ObjectMapper json;

    public ExportService(PassportService passports, ObjectMapper json) {
        this.passports = passports;
        this.json = json;
    }

    /**
     * An export: its body (a value to write as JSON, or the text itself), media type, file name, and a line saying
     * what it holds.
     */
    public record Export(Object body, String mediaType, String fileName, String summary) {}

    /** The export, or empty for a user Moat has never seen; maxTokens bounds a digest (null: its default). */
    public Optional<Export> export(Owner owner, ExportFormat format, Integer maxTokens) {
        int budget = maxTokens == null ? Digest.DEFAULT_TOKENS : maxTokens;
        if (budget < Digest.MIN_TOKENS || budget > Digest.MAX_TOKENS) {
            throw ProblemException.badRequest(
                    "maxTokens must lie in " + Digest.MIN_TOKENS + ".." + Digest.MAX_TOKENS + ", got " + budget);
        }
        return passports.export(owner).map(passport -> {
            String file = format.fileName(owner.userId());
            return switch (format) {
                case PASSPORT -> new Export(
                        passport,
                        format.mediaType(),
                        file,
                        passport.memories().size()
                                + " memories, " + passport.sessions().size() + " sessions, "
                                + passport.history().size()
                                + " history events");
                case MEM0 -> {
                    var requests = Mem0Format.requests(passport);
                    yield new Export(requests, format.mediaType(), file, requests.size() + " mem0 add requests");
                }
                case DIGEST -> {
                    Digest digest = Digest.of(passport, budget, Instant.now());
                    yield new Export(
                            digest.text(),
                            format.mediaType(),
                            file,
                            digest.lines().size() + " memories in " + digest.tokens() + " tokens");
                }
                case JSONL -> {
                    String lines = JsonlHistory.of(passport, json);
                    yield new Export(
                            lines, format.mediaType(), file, lines.lines().count() + " messages");
                }
            };
        });
    }
}
