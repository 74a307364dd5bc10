package dev.moat.portability;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Import documents read into passports: whole, from a request's body, or from a file a part at a time, never held
 * as one tree. ChatGPT's and Claude's exports (arrays of conversations) are read as runs of conversations, each run
 * checked against the format's schema and read into a passport of its own; the other formats are one object, read
 * whole as one part.
 */
@ApplicationScoped
public class DocumentParts {

    private final ObjectMapper mapper;
    private final DocumentValidator validator;

    public DocumentParts(ObjectMapper mapper, DocumentValidator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** Takes the parts of a document in order; false stops the reading. */
    @FunctionalInterface
    public interface PartHandler {
        boolean take(Passport part);
    }

    /** The document checked against its format's schema, then read into a passport for the user. */
    public Passport whole(JsonNode document, ImportFormat format, String userId) {
        validator.validate(document, format);
        return switch (format) {
            case PASSPORT -> passport(document);
            case CHATGPT -> ChatGptExport.toPassport(document, userId);
            case CLAUDE -> ClaudeExport.toPassport(document, userId);
            case MEM0 -> Mem0Format.toPassport(document, userId, Instant.now());
            case LETTA -> LettaAgentFile.toPassport(document, userId, Instant.now());
        };
    }

    /**
     * Reads the file's document in parts of up to partSize conversations (one part for a format that is not an array
     * of them), hands each to the handler, and returns how many it handed. A part that breaks the format (its schema,
     * or JSON itself) is refused with its place in the whole document; the parts before it were handed already.
     */
    public int read(Path file, ImportFormat format, String userId, int partSize, PartHandler handler)
            throws IOException {
        try (JsonParser parser = mapper.createParser(file.toFile())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidImportException("not a valid " + format.id() + " document: the upload is empty");
            }
            if (!isArrayOfConversations(format) || first != JsonToken.START_ARRAY) {
                Passport whole = whole(mapper.readTree(parser), format, userId);
                ensureEnd(parser, format);
                return handler.take(whole) ? 1 : 0;
            }
            int parts = 0;
            int read = 0;
            ArrayNode part = mapper.createArrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new InvalidImportException(
                            "not valid JSON: the " + format.id() + " document ends inside its array of conversations");
                }
                part.add(mapper.<JsonNode>readTree(parser));
                if (part.size() == partSize) {
                    parts++;
                    if (!handler.take(conversations(part, format, userId, read))) {
                        return parts;
                    }
                    read += part.size();
                    part = mapper.createArrayNode();
                }
            }
            ensureEnd(parser, format);
            if (!part.isEmpty() || parts == 0) {
                parts++;
                handler.take(conversations(part, format, userId, read));
            }
            return parts;
        } catch (JsonProcessingException e) {
            throw new InvalidImportException(
                    "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    private static boolean isArrayOfConversations(ImportFormat format) {
        return format == ImportFormat.CHATGPT || format == ImportFormat.CLAUDE;
    }

    private Passport conversations(ArrayNode part, ImportFormat format, String userId, int firstIndex) {
        validator.validate(part, format, firstIndex);
        return format == ImportFormat.CHATGPT
                ? ChatGptExport.toPassport(part, userId, firstIndex)
                : ClaudeExport.toPassport(part, userId, firstIndex);
    }

    private static void ensureEnd(JsonParser parser, ImportFormat format) throws IOException {
        if (parser.nextToken() != null) {
            throw new InvalidImportException("not valid JSON: the " + format.id() + " document goes on after its end,"
                    + " at line " + parser.currentLocation().getLineNr());
        }
    }

    private Passport passport(JsonNode document) {
        try {
            return mapper.treeToValue(document, Passport.class);
        } catch (JsonProcessingException e) {
            // The schema admits only what maps; this names what slipped through.
            throw new InvalidImportException("not a valid passport document: " + e.getOriginalMessage());
        }
    }
}
