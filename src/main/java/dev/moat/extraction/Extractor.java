package dev.moat.extraction;

import dev.moat.user.Owner;
import java.time.Instant;
import java.util.List;

/**
 * Reads a message for the lasting facts and preferences its speaker states. The fixed patterns (RuleExtractor) and a
 * configured model (ModelExtractor) are the two readers; what either draws is consolidated the same way.
 */
public interface Extractor {

    /** What was drawn from one message (null statements when the reader's answer could not be used), and by whom. */
    record Drawn(List<Statement> statements, String provider, String model) {}

    /** The statements the message, said at that moment by the owner, makes about its speaker. */
    Drawn extract(Owner owner, String message, Instant said);
}
