package dev.moat.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the BM25 query from a user's words. The text is analyzed, never parsed: {@code AND (}, {@code *:*} and
 * {@code field:x} are ordinary words here, so no input can widen a query beyond its filter.
 */
final class TextQueries {

    /** Distinct terms kept from one query: over the fields searched, well under Lucene's clause limit of 1024. */
    static final int MAX_TERMS = 256;

    private static final int MAX_CLAUSES = 1000;

    private final Analyzer analyzer;

    TextQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * The disjunction of the text's analyzed terms over every field, each field's scores weighted (a field of weight 0
     * is left out); null when nothing is left (only stop words or symbols). The fields share the analyzer.
     */
    Query build(String text, Map<String, Float> weights) {
        Set<String> terms = terms(text, weights);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String t : terms) {
            for (Map.Entry<String, Float> field : weights.entrySet()) {
                if (field.getValue() > 0) {
                    Query term = new TermQuery(new Term(field.getKey(), t));
                    query.add(field.getValue() == 1f ? term : new BoostQuery(term, field.getValue()), Occur.SHOULD);
                }
            }
        }
        return query.build();
    }

    /**
     * The text's distinct analyzed terms, in order, as many as the clause limit allows over the fields of positive
     * weight: what {@link #build} searches for, and what the OpenSearch index sends as term queries.
     */
    Set<String> terms(String text, Map<String, Float> weights) {
        long fields = weights.values().stream().filter(w -> w > 0).count();
        long maxTerms = Math.min(MAX_TERMS, MAX_CLAUSES / Math.max(1, fields));
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < maxTerms) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing a query failed", e);
        }
        return terms;
    }
}
