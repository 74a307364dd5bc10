package dev.moat.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A JSON object naming a field twice is refused (400 "Duplicate field"), not read as whichever came last: such a
 * body is ambiguous, and for a one-field record Jackson's fallback for the second value is a definition error (a
 * 500). Found by FuzzIT.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
