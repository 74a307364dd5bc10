package dev.moat.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.moat.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** Turns texts into unit-length vectors with the configured model, in batches, caching recent queries. */
@ApplicationScoped
public class EmbeddingService {

    private final BundledEmbeddingModel model;
    private final EmbeddingConfig config;
    private final RecentVectors queryCache;
    private final String queryPrefix;
    private final String passagePrefix;
    private final LongAdder textsEmbedded = new LongAdder();

    public EmbeddingService(BundledEmbeddingModel model, EmbeddingConfig config) {
        this.model = model;
        this.config = config;
        this.queryPrefix = model.kind().queryPrefix;
        this.passagePrefix = model.kind().passagePrefix;
        this.queryCache = new RecentVectors(config.queryCacheSize());
    }

    /** Name stored beside every embedding, so a change of model is noticed and the index re-embedded. */
    public String modelName() {
        return model.kind().id();
    }

    public int dimension() {
        return model.dimension();
    }

    /**
     * What a memory's vector is computed from: its text and, after it, the turn it answered (its context), so that a
     * question about the exchange finds the answer even when the answer alone ("Yes, last May!") says little. The
     * text comes first, as the encoders read only their first 512 tokens.
     */
    public static String passage(String text, String context) {
        return context == null || context.isBlank() ? text : text + "\n(replying to " + context + ")";
    }

    /** The vector of a search query; repeated queries come from the cache. */
    public float[] embedQuery(String query) {
        if (config.queryCacheSize() <= 0) {
            return compute(List.of(query), queryPrefix).get(0);
        }
        float[] cached = queryCache.get(query);
        if (cached == null) {
            cached = compute(List.of(query), queryPrefix).get(0);
            queryCache.put(query, cached);
        }
        return cached;
    }

    /**
     * The vectors of memory texts, in order, computed batchSize texts per model call. With a symmetric model a single
     * text's vector is also cached as a query: a chat message is stored, then searched with, and needs embedding
     * only once. An asymmetric model embeds the two differently.
     */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.size() == 1 && config.queryCacheSize() > 0 && symmetric()) {
            return List.of(embedQuery(texts.get(0)));
        }
        return compute(texts, passagePrefix);
    }

    /**
     * The model's work on texts, as queries or as passages, neither read from nor kept in the query cache: what a
     * benchmark's ceiling measures.
     */
    public List<float[]> embedUncached(List<String> texts, boolean asQueries) {
        return compute(texts, asQueries ? queryPrefix : passagePrefix);
    }

    /** Texts the model has embedded since start-up (cache hits not counted). */
    public long textsEmbedded() {
        return textsEmbedded.sum();
    }

    /** True when queries and passages are embedded alike (no prefixes that differ). */
    public boolean symmetric() {
        return queryPrefix.equals(passagePrefix);
    }

    /**
     * Whether the model sees anything in the text. Its tokenizer drops whitespace, control, format, unassigned,
     * private-use and surrogate characters (Unicode category C) and, lower-casing, combining marks; a text of only
     * those is empty to it (LangChain4j then refuses it), and a memory or query of it means nothing.
     */
    static boolean hasContent(String text) {
        return text != null
                && text.codePoints()
                        .anyMatch(cp -> !Character.isWhitespace(cp)
                                && !Character.isSpaceChar(cp)
                                && cp != 0xFFFD
                                && switch (Character.getType(cp)) {
                                    case Character.CONTROL,
                                            Character.FORMAT,
                                            Character.UNASSIGNED,
                                            Character.PRIVATE_USE,
                                            Character.SURROGATE,
                                            Character.NON_SPACING_MARK -> false;
                                    default -> true;
                                });
    }

    private List<float[]> compute(List<String> texts, String prefix) {
        for (String text : texts) {
            if (!hasContent(text)) {
                throw ProblemException.badRequest(
                        "The text has nothing to embed or search by: only spaces, control, format or combining"
                                + " characters.");
            }
        }
        textsEmbedded.add(texts.size());
        List<float[]> vectors = new ArrayList<>(texts.size());
        int batch = Math.max(1, config.batchSize());
        for (int from = 0; from < texts.size(); from += batch) {
            List<TextSegment> segments = texts.subList(from, Math.min(texts.size(), from + batch)).stream()
                    .map(text -> TextSegment.from(prefix + text))
                    .toList();
            for (Embedding e : model.embedAll(segments).content()) {
                vectors.add(Vectors.normalize(e.vector()));
            }
        }
        return vectors;
    }
}
