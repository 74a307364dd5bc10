package dev.moat.extraction;

import dev.moat.index.Speakers;
import dev.moat.memory.MemoriesAdded;
import dev.moat.memory.MemoryKind;
import dev.moat.memory.MemoryService;
import dev.moat.memory.MemoryView;
import dev.moat.memory.NewMemory;
import dev.moat.memory.Provenance;
import dev.moat.user.Owner;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Facts and preferences the messages among newly added memories state, each kept with the message as its source and
 * consolidated with what the user's memory already holds for its slot (Consolidation): a repeat becomes one more
 * source of the memory that holds, a different statement a new memory that supersedes the old one, which keeps its
 * history and gets a validTo. The fixed patterns run on the write's thread, so what they draw is there when the
 * write returns; a configured provider runs on the extraction thread, so the write does not wait for it.
 */
@ApplicationScoped
public class ExtractionService {

    private static final Logger LOG = Logger.getLogger(ExtractionService.class);

    private final MemoryService memories;
    private final ExtractionConfig config;
    private final RuleExtractor rules;
    private final ModelExtractor model;
    /** Extraction through a provider: one thread, a bounded queue, so a slow model never holds a write. */
    private final ThreadPoolExecutor extractionThread =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "moat-extraction");
                t.setDaemon(true);
                return t;
            });

    public ExtractionService(
            MemoryService memories, ExtractionConfig config, RuleExtractor rules, ModelExtractor model) {
        this.memories = memories;
        this.config = config;
        this.rules = rules;
        this.model = model;
    }

    /** Reads the messages of a write, in the write's call (synchronous event: MemoryService.addAll). */
    void onAdded(@Observes MemoriesAdded added) {
        if (!config.enabled()) {
            return;
        }
        List<MemoryView> messages = added.memories().stream()
                // only what people said, never an assistant's reply ("assistant: I prefer ..." is not the user's
                // preference); a memory drawn from messages is not mined again
                .filter(m -> m.kind() == MemoryKind.MESSAGE
                        && m.provenance() == null
                        && !Speakers.of(m.text()).equals(Speakers.ASSISTANT))
                .toList();
        if (messages.isEmpty()) {
            return;
        }
        if (config.provider().isPresent() && handedToModel(added.owner(), messages)) {
            return;
        }
        List<Drawn> drawn = new ArrayList<>();
        for (MemoryView message : messages) {
            addStatements(drawn, message, rules.extract(added.owner(), message.text(), message.occurredAt()));
        }
        consolidate(added.owner(), drawn, added.waitUntilSearchable());
    }

    /** A statement drawn from a message, and who drew it. */
    private record Drawn(MemoryView message, Statement statement, Extractor.Drawn by) {}

    private static void addStatements(List<Drawn> into, MemoryView message, Extractor.Drawn drawn) {
        for (Statement s : drawn.statements()) {
            into.add(new Drawn(message, s, drawn));
        }
    }

    /** Queues the messages for the extraction thread; false when its queue is full (the patterns read them then). */
    private boolean handedToModel(Owner owner, List<MemoryView> messages) {
        try {
            extractionThread.execute(() -> {
                for (MemoryView message : messages) {
                    try {
                        List<Drawn> drawn = new ArrayList<>();
                        addStatements(drawn, message, byModel(owner, message));
                        consolidate(owner, drawn, false);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Extraction from memory %s failed", message.id());
                    }
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            LOG.warnf("The extraction queue is full; %d messages are read by the patterns instead", messages.size());
            return false;
        }
    }

    /**
     * The provider's statements (none, when it says the message states nothing); the patterns' when the call fails or
     * its answer is not the JSON asked for.
     */
    private Extractor.Drawn byModel(Owner owner, MemoryView message) {
        try {
            Extractor.Drawn drawn = model.extract(owner, message.text(), message.occurredAt());
            if (drawn.statements() != null) {
                return drawn;
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Extraction by %s failed (%s); the patterns read memory %s",
                    config.provider().orElse("?"), e.getMessage(), message.id());
        }
        return rules.extract(owner, message.text(), message.occurredAt());
    }

    /**
     * Consolidates the statements in order, their vectors computed in one batch. Only the last waits until it is
     * searchable: that makes every earlier one searchable too (the index shows its changes in order), and the owner's
     * own searches wait for the owner's changes anyway. Waiting for each had made a refresh of the index per statement,
     * most of a batch's time.
     */
    private void consolidate(Owner owner, List<Drawn> drawn, boolean waitUntilSearchable) {
        List<float[]> vectors = memories.statementVectors(
                drawn.stream().map(d -> d.statement().text()).toList());
        for (int i = 0; i < drawn.size(); i++) {
            Drawn d = drawn.get(i);
            Statement s = d.statement();
            NewMemory statement = new NewMemory(
                    s.text(),
                    s.kind(),
                    s.at(),
                    null,
                    null, // who drew it is in the provenance
                    new Provenance(List.of(d.message().id()), d.by().provider(), d.by().model()));
            memories.consolidate(
                    owner,
                    statement,
                    vectors.get(i),
                    s.slot(),
                    d.message().id(),
                    holder -> Consolidation.decide(s.text(), s.at(), holder),
                    waitUntilSearchable && i == drawn.size() - 1);
        }
    }

    @PreDestroy
    void stop() {
        extractionThread.shutdownNow();
    }
}
