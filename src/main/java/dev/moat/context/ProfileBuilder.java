package dev.moat.context;

import dev.moat.memory.MemoryJson;
import dev.moat.memory.MemoryKind;
import dev.moat.memory.MemoryRepository;
import dev.moat.memory.MemoryRow;
import dev.moat.memory.MemoryView;
import dev.moat.user.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a "tell me about me" question is answered from: the user's facts and preferences that still hold, by slot,
 * each with the memories it was drawn from and when it was last said. A fact a newer one superseded is history and
 * stays out.
 */
@ApplicationScoped
public class ProfileBuilder {

    private final MemoryRepository rows;
    private final MemoryJson json;

    public ProfileBuilder(MemoryRepository rows, MemoryJson json) {
        this.rows = rows;
        this.json = json;
    }

    /** A memory a statement was drawn from, and when it was said. */
    public record Source(String id, Instant occurredAt) {}

    /** A fact or preference that holds: its slot (null when extraction gave it none), text, sources, last said. */
    public record Statement(String id, String slot, String text, List<Source> sources, Instant lastSaidAt) {}

    public record Profile(String userId, List<Statement> facts, List<Statement> preferences) {}

    @Transactional
    public Profile build(Owner owner) {
        List<MemoryView> current = rows.currentStatements(owner).stream()
                .map(r -> json.view(r, owner.userId()))
                .toList();
        Set<String> sourceIds = new LinkedHashSet<>();
        current.forEach(m -> sourceIds.addAll(sources(m)));
        Map<String, Instant> said = new HashMap<>();
        for (MemoryRow r : rows.rows(owner, sourceIds)) {
            said.put(r.id(), r.occurredAt());
        }
        List<Statement> facts = new ArrayList<>();
        List<Statement> preferences = new ArrayList<>();
        for (MemoryView m : current) {
            List<Source> sources = sources(m).stream()
                    .filter(said::containsKey) // a source since deleted is gone
                    .map(id -> new Source(id, said.get(id)))
                    .sorted(Comparator.comparing(Source::occurredAt))
                    .toList();
            // the latest of its sources, or the statement itself when none is left (or it was said later)
            Instant last =
                    sources.stream().map(Source::occurredAt).reduce(m.occurredAt(), (a, b) -> b.isAfter(a) ? b : a);
            Statement s = new Statement(m.id(), m.slot(), m.text(), sources, last);
            (m.kind() == MemoryKind.PREFERENCE ? preferences : facts).add(s);
        }
        return new Profile(owner.userId(), facts, preferences);
    }

    private static List<String> sources(MemoryView m) {
        return m.provenance() == null || m.provenance().sources() == null
                ? List.of()
                : m.provenance().sources();
    }
}
