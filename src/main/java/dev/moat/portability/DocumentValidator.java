package dev.moat.portability;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks an import document against its format's JSON Schema before anything is read from it. */
@ApplicationScoped
public class DocumentValidator {

    private static final Pattern FIRST_INDEX = Pattern.compile("\\$\\[(\\d+)]");

    private final Map<ImportFormat, Schema> schemas = new EnumMap<>(ImportFormat.class);

    public DocumentValidator() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_PATH) // errors name $.memories[3].text
                .formatAssertionsEnabled(true) // a date-time must be one
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(config));
        for (ImportFormat format : ImportFormat.values()) {
            try (InputStream in = DocumentValidator.class.getClassLoader().getResourceAsStream(format.schema())) {
                if (in == null) {
                    throw new IllegalStateException("the schema " + format.schema() + " is missing from the build");
                }
                schemas.put(format, registry.getSchema(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the schema " + format.schema(), e);
            }
        }
    }

    /** Refuses the document with the first place it breaks its schema, as a JSON path ($.memories[3].text). */
    public void validate(JsonNode document, ImportFormat format) {
        validate(document, format, 0);
    }

    /**
     * Checks a part of an array document (a run of its conversations, the first being the document's firstIndex):
     * a refusal names the place in the whole document.
     */
    void validate(JsonNode part, ImportFormat format, int firstIndex) {
        List<Error> errors = schemas.get(format).validate(part);
        if (!errors.isEmpty()) {
            Error first = errors.get(0);
            throw new InvalidImportException("not a valid " + format.id() + " document: at "
                    + inDocument(first.getInstanceLocation().toString(), firstIndex) + ": " + first.getMessage()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        }
    }

    /** The part's path "$[k]..." as the document's, "$[firstIndex + k]...". */
    private static String inDocument(String path, int firstIndex) {
        Matcher m = FIRST_INDEX.matcher(path);
        if (firstIndex == 0 || !m.lookingAt()) {
            return path;
        }
        return "$[" + (firstIndex + Integer.parseInt(m.group(1))) + "]" + path.substring(m.end());
    }
}
