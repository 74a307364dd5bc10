package dev.moat.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * What the question's subject said comes first: when a question is about speakers of the fused candidates ("What
 * does Melanie do to destress?", "What did I decide about the schema?", "What did you recommend?"; Speakers.subjects),
 * every candidate another speaker said has its fused score multiplied by {@code moat.index.other-speaker-weight}. A
 * question about no one in the pool, a request for a summary, or a pool of one speaker, ranks as fused. On LoCoMo
 * 96 % of the evidence of a question naming one person is that person's, yet 41 % of the fused top 10 was the
 * other's; on BEAM 77 % is the user's own, and 68 % of the top 10 the assistant's.
 */
final class SpeakerPrior {

    private final double otherWeight;

    SpeakerPrior(double otherWeight) {
        if (otherWeight <= 0 || otherWeight > 1) {
            throw new IllegalArgumentException("the other speakers' weight must be in (0, 1], got " + otherWeight);
        }
        this.otherWeight = otherWeight;
    }

    /** Off: weight 1 ranks every speaker alike. */
    boolean off() {
        return otherWeight == 1;
    }

    /** The best k of the pool (fused, best first) once the subjects' memories are preferred; speakerOf maps a doc. */
    List<RankFusion.Fused> apply(String question, List<RankFusion.Fused> pool, IntFunction<String> speakerOf, int k) {
        Map<Integer, String> speakers = new HashMap<>(pool.size() * 2);
        for (RankFusion.Fused f : pool) {
            speakers.put(f.doc(), speakerOf.apply(f.doc()));
        }
        // each distinct speaker is looked for in the question once, not once per candidate
        Set<String> subjects = Speakers.subjects(question, new HashSet<>(speakers.values()));
        List<RankFusion.Fused> ranked = new ArrayList<>(pool.size());
        for (RankFusion.Fused f : pool) {
            ranked.add(
                    subjects.isEmpty() || subjects.contains(speakers.get(f.doc()))
                            ? f
                            : new RankFusion.Fused(f.doc(), f.score() * otherWeight, f.bm25Rank(), f.vectorRank()));
        }
        ranked.sort(RankFusion.BEST_FIRST);
        return ranked.subList(0, Math.min(k, ranked.size()));
    }
}
