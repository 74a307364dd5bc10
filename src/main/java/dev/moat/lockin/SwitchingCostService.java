package dev.moat.lockin;

import dev.moat.embed.EmbeddingService;
import dev.moat.embed.Vectors;
import dev.moat.index.IndexHit;
import dev.moat.index.IndexQuery;
import dev.moat.index.MemoryIndex;
import dev.moat.index.TransientIndex;
import dev.moat.memory.Memory;
import dev.moat.memory.MemoryJson;
import dev.moat.memory.MemoryRepository;
import dev.moat.memory.Provenance;
import dev.moat.portability.Passport;
import dev.moat.portability.PassportService;
import dev.moat.problem.ProblemException;
import dev.moat.provider.ProviderRegistry;
import dev.moat.user.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The switching-cost meter: how much of what retrieval finds for a user would survive a move to another provider
 * under each carry mode, and what telling the rest again would cost. Each mode is simulated in a scratch index
 * holding only what it keeps, ranked by the live index's own code; the user's data is only read.
 */
@ApplicationScoped
public class SwitchingCostService {

    private final MemoryRepository store;
    private final MemoryJson json;
    private final PassportService passports;
    private final MemoryIndex index;
    private final EmbeddingService embeddings;
    private final ProviderRegistry providers;
    private final LockinConfig config;

    public SwitchingCostService(
            MemoryRepository store,
            MemoryJson json,
            PassportService passports,
            MemoryIndex index,
            EmbeddingService embeddings,
            ProviderRegistry providers,
            LockinConfig config) {
        this.store = store;
        this.json = json;
        this.passports = passports;
        this.index = index;
        this.embeddings = embeddings;
        this.providers = providers;
        this.config = config;
    }

    /** The meter with probes derived from the user's own memories; empty for a user Moat has never seen. */
    public Optional<SwitchingCost> measure(Owner owner, String target, int k, Integer probeCount) {
        return measure(
                owner,
                target,
                k,
                now -> DerivedProbes.of(now, ids(now), probeCount == null ? config.probes() : probeCount),
                "derived");
    }

    /** The meter with the given probes (an experiment's questions, their evidence as memory ids). */
    public Optional<SwitchingCost> measure(Owner owner, String target, int k, List<Probe> probes, String source) {
        return measure(owner, target, k, now -> probes, source);
    }

    private Optional<SwitchingCost> measure(
            Owner owner, String target, int k, Function<List<MeterMemory>, List<Probe>> probing, String source) {
        long start = System.nanoTime();
        ProviderRegistry.Provider to = providers
                .find(target)
                .orElseThrow(() -> ProblemException.badRequest("unknown target provider '" + target + "'; known: "
                        + providers.all().stream()
                                .map(ProviderRegistry.Provider::name)
                                .collect(Collectors.joining(", "))));
        Optional<Passport> passport = passports.export(owner);
        if (passport.isEmpty()) {
            return Optional.empty();
        }
        List<MeterMemory> now = store.all(owner).stream().map(this::meterMemory).toList();
        List<Probe> probes = probing.apply(now);
        List<float[]> questions =
                probes.stream().map(p -> embeddings.embedQuery(p.question())).toList();

        Map<String, float[]> vectors = new HashMap<>();
        now.forEach(m -> vectors.put(m.id(), m.vector()));
        List<MeterMemory> exported =
                passport.get().memories().stream().map(m -> carried(m, vectors)).toList();
        Map<CarryMode, List<MeterMemory>> kept = new EnumMap<>(CarryMode.class);
        kept.put(CarryMode.NONE, List.of());
        kept.put(
                CarryMode.TRANSCRIPT,
                exported.stream().filter(MeterMemory::isMessage).toList());
        kept.put(CarryMode.PASSPORT, exported);

        double recallNow = recall(owner, now, probes, questions, k);
        Rebuilds rebuilds = new Rebuilds(now);
        Map<String, SwitchingCost.Carry> carry = new LinkedHashMap<>();
        Map<CarryMode, Double> lossShare = new EnumMap<>(CarryMode.class);
        for (CarryMode mode : CarryMode.values()) {
            double after = recall(owner, kept.get(mode), probes, questions, k);
            long tokens = rebuilds.tokens(ids(kept.get(mode)));
            carry.put(
                    mode.id(),
                    new SwitchingCost.Carry(
                            after,
                            recallNow - after,
                            new SwitchingCost.Rebuild(
                                    tokens, tokens * to.price().inputPerMtok() / 1e6, rebuilds.sessions(tokens))));
            lossShare.put(mode, recallNow > 0 ? Math.max(0, recallNow - after) / recallNow : 0);
        }
        long everything = rebuilds.tokens(Set.of());
        double depth = 1 - Math.exp(-(double) everything / config.referenceTokens());
        int score = (int)
                Math.round(100 * depth * (lossShare.get(CarryMode.NONE) + lossShare.get(CarryMode.TRANSCRIPT)) / 2);
        return Optional.of(new SwitchingCost(
                owner.userId(),
                to.name(),
                k,
                rebuilds.history(),
                new SwitchingCost.Probes(probes.size(), source, recallNow),
                carry,
                score,
                "lockInScore = round(100 * (1 - exp(-T / " + config.referenceTokens() + "))"
                        + " * (lossShare(none) + lossShare(transcript)) / 2), T = rebuild.userTokens of none,"
                        + " lossShare(m) = max(0, recallLoss(m)) / recallNow",
                (System.nanoTime() - start) / 1_000_000));
    }

    /** Mean evidence recall@k of the probes over a scratch index of just these memories. */
    private double recall(Owner owner, List<MeterMemory> memories, List<Probe> probes, List<float[]> vectors, int k) {
        if (probes.isEmpty()) {
            return 0;
        }
        try (TransientIndex scratch =
                index.scratch(memories.stream().map(m -> m.indexed(owner)).toList())) {
            double sum = 0;
            for (int i = 0; i < probes.size(); i++) {
                Set<String> hits = new HashSet<>();
                for (IndexHit h : scratch.search(
                        new IndexQuery(owner, probes.get(i).question(), vectors.get(i), k, null, null, null))) {
                    hits.add(h.memoryId());
                }
                sum += probes.get(i).recall(hits);
            }
            return sum / probes.size();
        }
    }

    private MeterMemory meterMemory(Memory m) {
        Provenance p = json.provenanceOf(m.provenance);
        float[] vector = m.embedding != null
                ? Vectors.fromBytes(m.embedding)
                : embeddings
                        .embedAll(List.of(EmbeddingService.passage(m.text, m.context)))
                        .get(0);
        return new MeterMemory(
                m.id,
                m.text,
                m.context,
                m.kind,
                m.occurredAt,
                m.sessionId,
                p == null ? List.of() : p.sources(),
                vector);
    }

    /**
     * A passport memory as the target would hold it after an import. The target re-embeds the text; with the same
     * embedding model that gives the vector stored here, so it is taken from the store (computed when missing).
     */
    private MeterMemory carried(Passport.PassportMemory m, Map<String, float[]> vectors) {
        float[] vector = vectors.get(m.id());
        if (vector == null) {
            vector = embeddings
                    .embedAll(List.of(EmbeddingService.passage(m.text(), m.context())))
                    .get(0);
        }
        return new MeterMemory(
                m.id(),
                m.text(),
                m.context(),
                m.kind(),
                m.occurredAt(),
                m.sessionId(),
                m.provenance() == null ? List.of() : m.provenance().sources(),
                vector);
    }

    private static Set<String> ids(List<MeterMemory> memories) {
        Set<String> ids = new HashSet<>();
        memories.forEach(m -> ids.add(m.id()));
        return ids;
    }
}
