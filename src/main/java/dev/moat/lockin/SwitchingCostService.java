package dev.moat.lockin;

import dev.moat.embed.EmbeddingModels;
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
import dev.moat.user.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The switching-cost meter: how much of what retrieval finds for a user would survive a move to a destination under
 * each carry mode it accepts, and what telling the rest again would cost. Each mode is simulated in a scratch index
 * holding only what it keeps, embedded with the destination's model and ranked by the live index's own code; the
 * user's data is only read.
 */
@ApplicationScoped
public class SwitchingCostService {

    /** What the lock-in score is read from, whatever the destination accepts: the two ways out without Moat's help. */
    private static final List<CarryMode> SCORED = List.of(CarryMode.NONE, CarryMode.TRANSCRIPT);

    private final MemoryRepository store;
    private final MemoryJson json;
    private final PassportService passports;
    private final MemoryIndex index;
    private final EmbeddingService embeddings;
    private final EmbeddingModels models;
    private final Destinations destinations;
    private final PassageVectors cache;
    private final LockinConfig config;

    public SwitchingCostService(
            MemoryRepository store,
            MemoryJson json,
            PassportService passports,
            MemoryIndex index,
            EmbeddingService embeddings,
            EmbeddingModels models,
            Destinations destinations,
            PassageVectors cache,
            LockinConfig config) {
        this.store = store;
        this.json = json;
        this.passports = passports;
        this.index = index;
        this.embeddings = embeddings;
        this.models = models;
        this.destinations = destinations;
        this.cache = cache;
        this.config = config;
    }

    /**
     * The meter for a move to the target (a destination or a provider), every mode it accepts, with probes derived
     * from the user's own memories; empty for a user Moat has never seen.
     */
    public Optional<SwitchingCost> measure(Owner owner, String target, int k, Integer probeCount) {
        Destination to = destinations.get(target);
        return measure(
                owner,
                to,
                to.carry(),
                k,
                now -> DerivedProbes.of(now, ids(now), probeCount == null ? config.probes() : probeCount),
                "derived");
    }

    /** The meter with the given probes (an experiment's questions, their evidence as memory ids) and modes. */
    public Optional<SwitchingCost> measure(
            Owner owner, Destination to, List<CarryMode> modes, int k, List<Probe> probes, String source) {
        return measure(owner, to, modes, k, now -> probes, source);
    }

    private Optional<SwitchingCost> measure(
            Owner owner,
            Destination to,
            List<CarryMode> modes,
            int k,
            Function<List<MeterMemory>, List<Probe>> probing,
            String source) {
        long start = System.nanoTime();
        Optional<Passport> passport = passports.export(owner);
        if (passport.isEmpty()) {
            return Optional.empty();
        }
        List<MeterMemory> now = store.all(owner).stream().map(this::meterMemory).toList();
        List<Probe> probes = probing.apply(now);
        List<float[]> questions =
                probes.stream().map(p -> embeddings.embedQuery(p.question())).toList();
        EmbeddingService theirs = models.of(to.embeddingModel());
        List<float[]> theirQuestions = theirs.modelName().equals(embeddings.modelName())
                ? questions
                : probes.stream().map(p -> theirs.embedQuery(p.question())).toList();

        Map<String, float[]> vectors = new HashMap<>();
        now.forEach(m -> vectors.put(m.id(), m.vector()));
        Moves moves = new Moves(
                passport.get(),
                vectors,
                embeddings,
                theirs,
                cache,
                passport.get().exportedAt());

        double recallNow = recall(owner, new Moves.Carried(now, Map.of(), Set.of()), probes, questions, k);
        Rebuilds rebuilds = new Rebuilds(now);
        Map<String, SwitchingCost.Carry> carry = new LinkedHashMap<>();
        Map<CarryMode, Double> lossShare = new EnumMap<>(CarryMode.class);
        Set<CarryMode> measured = EnumSet.copyOf(SCORED);
        measured.addAll(modes);
        for (CarryMode mode : measured) {
            Moves.Carried kept = moves.carry(mode, to.digestTokens());
            double after = recall(owner, kept, probes, theirQuestions, k);
            lossShare.put(mode, recallNow > 0 ? Math.max(0, recallNow - after) / recallNow : 0);
            if (modes.contains(mode)) {
                long tokens = rebuilds.tokens(kept.carried());
                carry.put(
                        mode.id(),
                        new SwitchingCost.Carry(
                                after,
                                recallNow - after,
                                new SwitchingCost.Rebuild(
                                        tokens,
                                        tokens * to.priced().price().inputPerMtok() / 1e6,
                                        rebuilds.sessions(tokens))));
            }
        }
        long everything = rebuilds.tokens(Set.of());
        double depth = 1 - Math.exp(-(double) everything / config.referenceTokens());
        int score = (int)
                Math.round(100 * depth * (lossShare.get(CarryMode.NONE) + lossShare.get(CarryMode.TRANSCRIPT)) / 2);
        return Optional.of(new SwitchingCost(
                owner.userId(),
                to.name(),
                to,
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

    /**
     * Mean evidence recall@k of the probes over a scratch index of just these memories. A hit on a memory the
     * destination made up (a digest chunk) finds every memory it says.
     */
    private double recall(Owner owner, Moves.Carried kept, List<Probe> probes, List<float[]> vectors, int k) {
        if (probes.isEmpty()) {
            return 0;
        }
        try (TransientIndex scratch = index.scratch(
                kept.memories().stream().map(m -> m.indexed(owner)).toList())) {
            double sum = 0;
            for (int i = 0; i < probes.size(); i++) {
                Set<String> hits = new HashSet<>();
                for (IndexHit h : scratch.search(
                        new IndexQuery(owner, probes.get(i).question(), vectors.get(i), k, null, null, null))) {
                    hits.add(h.memoryId());
                    hits.addAll(kept.standsFor().getOrDefault(h.memoryId(), List.of()));
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

    private static Set<String> ids(List<MeterMemory> memories) {
        Set<String> ids = new HashSet<>();
        memories.forEach(m -> ids.add(m.id()));
        return ids;
    }
}
