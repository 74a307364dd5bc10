package dev.moat.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.moat.memory.MemoryKind;
import dev.moat.provider.ProviderReply;
import dev.moat.provider.ProviderRouter;
import dev.moat.user.Owner;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Extraction through a configured provider (moat.extraction.provider): the model reads the message and answers with
 * the statements as JSON, in the shape RuleExtractor gives. Whatever it answers is checked: a reply that is not that
 * JSON, an unknown kind or a statement without a slot is dropped, and the rules take over for that message.
 */
@ApplicationScoped
public class ModelExtractor implements Extractor {

    private static final Logger LOG = Logger.getLogger(ModelExtractor.class);

    /** Statements kept from one message at most, whatever the model answers. */
    static final int MAX_STATEMENTS = 10;

    static final String INSTRUCTIONS =
            """
            You extract lasting facts and preferences that the speaker of a message states about themselves.
            Answer with JSON only, no prose, in this shape:
            {"memories": [{"text": "...", "kind": "fact" or "preference", "slot": "...", "date": "YYYY-MM-DD" or null}]}
            - text: one statement in the third person naming the speaker: the name before a leading "Name: ", \
            else "The user". Example: "The user lives in Lisbon".
            - slot: the speaker's name in lower case, "|", and what the statement is about, so that a later \
            statement about the same thing gets the same slot. Example: "the user|lives in".
            - date: the day it happened when the message says so ("yesterday" is the day before it was said), else null.
            Answer {"memories": []} when the message states nothing lasting about its speaker.""";

    private final ProviderRouter router;
    private final ObjectMapper json;
    private final ExtractionConfig config;

    public ModelExtractor(ProviderRouter router, ObjectMapper json, ExtractionConfig config) {
        this.router = router;
        this.json = json;
        this.config = config;
    }

    /**
     * The statements the configured provider draws from the message; null statements when its answer cannot be used.
     * A failed call throws, as the router does.
     */
    @Override
    public Drawn extract(Owner owner, String message, Instant said) {
        ProviderReply reply = router.chat(
                owner,
                config.provider().orElseThrow(() -> new IllegalStateException("moat.extraction.provider is not set")),
                null,
                List.of(
                        SystemMessage.from(INSTRUCTIONS),
                        UserMessage.from(
                                "Said on " + said.atZone(ZoneOffset.UTC).toLocalDate() + ":\n" + message)),
                new ProviderRouter.Tuning(0.0, 600));
        return new Drawn(parse(reply.text(), said), reply.provider(), reply.model());
    }

    /**
     * The statements in a model's answer, those that break the shape left out; null when the answer holds no JSON
     * object with a memories array (empty when it holds one with nothing usable in it).
     */
    List<Statement> parse(String answer, Instant said) {
        int start = answer == null ? -1 : answer.indexOf('{');
        int end = answer == null ? -1 : answer.lastIndexOf('}');
        if (start < 0 || end < start) {
            LOG.warnf("The extraction model answered no JSON: %.200s", answer);
            return null;
        }
        JsonNode root;
        try {
            root = json.readTree(answer.substring(start, end + 1));
        } catch (IOException e) {
            LOG.warnf("The extraction model answered invalid JSON: %s", e.getMessage());
            return null;
        }
        if (!root.path("memories").isArray()) {
            LOG.warnf("The extraction model's JSON has no memories array: %.200s", answer);
            return null;
        }
        List<Statement> found = new ArrayList<>();
        for (JsonNode m : root.path("memories")) {
            if (found.size() == MAX_STATEMENTS) {
                break;
            }
            String text = m.path("text").asText("").strip();
            String slot = m.path("slot").asText("").strip().toLowerCase(Locale.ROOT);
            MemoryKind kind =
                    switch (m.path("kind").asText("")) {
                        case "fact" -> MemoryKind.FACT;
                        case "preference" -> MemoryKind.PREFERENCE;
                        default -> null;
                    };
            if (!Statement.fits(text, slot) || kind == null) {
                continue;
            }
            found.add(new Statement(text, kind, slot, day(m.path("date").asText(null), said)));
        }
        return found;
    }

    /** The start of the named day; when the message was said if none is named, or the date is not one. */
    private static Instant day(String date, Instant said) {
        if (date == null || date.isBlank()) {
            return said;
        }
        try {
            return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return said;
        }
    }

    /** A configured extraction provider must exist: said at start, not at the first message. */
    void checkProvider(@Observes StartupEvent start) {
        config.provider().ifPresent(name -> {
            try {
                router.requireKnown(name);
            } catch (RuntimeException e) {
                throw new IllegalStateException("moat.extraction.provider: " + e.getMessage(), e);
            }
        });
    }
}
