package dev.moat.lockin;

import dev.moat.embed.EmbeddingService;
import dev.moat.memory.MemoryKind;
import dev.moat.memory.MemoryLimits;
import dev.moat.portability.Digest;
import dev.moat.portability.Passport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a destination holds after a move, for each carry mode, built from the user's passport as an import there
 * would build it, with vectors in the destination's embedding model. A memory keeps its stored vector only where the
 * destination would compute the same one: the same model over the same text and context.
 */
final class Moves {

    /** A digest is pasted as memories of at most this many tokens: what the encoders read of one text. */
    static final int DIGEST_CHUNK_TOKENS = 400;

    /**
     * What one mode leaves at the destination.
     *
     * @param memories what the destination holds, vectors in its model
     * @param standsFor for a memory the destination made up (a digest chunk), the user's memories it says
     * @param carried the user's memory ids whose text arrives, which need no retelling
     */
    record Carried(List<MeterMemory> memories, Map<String, List<String>> standsFor, Set<String> carried) {}

    private final Passport passport;
    private final Map<String, float[]> stored;
    private final EmbeddingService theirs;
    private final boolean sameModel;
    private final PassageVectors cache;
    private final Instant now;

    Moves(
            Passport passport,
            Map<String, float[]> stored,
            EmbeddingService own,
            EmbeddingService theirs,
            PassageVectors cache,
            Instant now) {
        this.passport = passport;
        this.stored = stored;
        this.theirs = theirs;
        this.sameModel = own.modelName().equals(theirs.modelName());
        this.cache = cache;
        this.now = now;
    }

    Carried carry(CarryMode mode, int digestTokens) {
        return switch (mode) {
            case NONE -> new Carried(List.of(), Map.of(), Set.of());
            case TRANSCRIPT -> imported(
                    passport.memories().stream()
                            .filter(m -> m.kind() == MemoryKind.MESSAGE)
                            .toList(),
                    true);
            case PASSPORT -> imported(passport.memories(), true);
                // mem0 keeps each memory's text and metadata, not the turn it answered
            case MEM0 -> imported(
                    passport.memories().stream()
                            .filter(m -> m.validTo() == null)
                            .toList(),
                    false);
            case DIGEST -> digest(Digest.of(passport, digestTokens, now));
        };
    }

    private Carried imported(List<Passport.PassportMemory> memories, boolean withContext) {
        List<String> passages = new ArrayList<>();
        List<float[]> known = new ArrayList<>();
        for (Passport.PassportMemory m : memories) {
            String context = withContext ? MemoryLimits.clipContext(m.context()) : null;
            passages.add(EmbeddingService.passage(m.text(), context));
            // the stored vector is the passage of text and context in Moat's model
            known.add(sameModel && (withContext || m.context() == null) ? stored.get(m.id()) : null);
        }
        List<float[]> vectors = vectors(passages, known);
        List<MeterMemory> out = new ArrayList<>();
        for (int i = 0; i < memories.size(); i++) {
            Passport.PassportMemory m = memories.get(i);
            out.add(new MeterMemory(
                    m.id(),
                    m.text(),
                    withContext ? m.context() : null,
                    m.kind(),
                    m.occurredAt(),
                    m.sessionId(),
                    m.provenance() == null ? List.of() : m.provenance().sources(),
                    vectors.get(i)));
        }
        return new Carried(out, Map.of(), out.stream().map(MeterMemory::id).collect(Collectors.toSet()));
    }

    /** The digest's lines, in order, gathered into notes of at most DIGEST_CHUNK_TOKENS each, dated the move. */
    private Carried digest(Digest digest) {
        List<List<Digest.Line>> chunks = new ArrayList<>();
        int used = DIGEST_CHUNK_TOKENS;
        for (Digest.Line line : digest.lines()) {
            if (used + line.tokens() > DIGEST_CHUNK_TOKENS) {
                chunks.add(new ArrayList<>());
                used = 0;
            }
            chunks.get(chunks.size() - 1).add(line);
            used += line.tokens();
        }
        List<String> passages = chunks.stream()
                .map(lines ->
                        String.join("\n", lines.stream().map(Digest.Line::text).toList()))
                .toList();
        List<float[]> vectors = vectors(passages, Collections.nCopies(passages.size(), null));
        List<MeterMemory> out = new ArrayList<>();
        Map<String, List<String>> standsFor = new HashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            String id = "digest:" + i;
            out.add(new MeterMemory(id, passages.get(i), null, MemoryKind.NOTE, now, null, List.of(), vectors.get(i)));
            standsFor.put(id, chunks.get(i).stream().map(Digest.Line::memoryId).toList());
        }
        return new Carried(
                out,
                standsFor,
                digest.lines().stream().map(Digest.Line::memoryId).collect(Collectors.toSet()));
    }

    /**
     * The known vector where there is one (a stored vector the destination would compute too), else the cached one,
     * else computed, the missing ones in one batch in the destination's model.
     */
    private List<float[]> vectors(List<String> passages, List<float[]> known) {
        float[][] out = new float[passages.size()][];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            out[i] = known.get(i) != null ? known.get(i) : cache.get(theirs.modelName(), passages.get(i));
            if (out[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> computed =
                    theirs.embedAll(missing.stream().map(passages::get).toList());
            for (int j = 0; j < missing.size(); j++) {
                int i = missing.get(j);
                out[i] = computed.get(j);
                cache.put(theirs.modelName(), passages.get(i), out[i]);
            }
        }
        return List.of(out);
    }
}
