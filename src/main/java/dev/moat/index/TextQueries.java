package dev.moat.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
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

    /** Distinct terms kept from one query, well under Lucene's clause limit of 1024. */
    static final int MAX_TERMS = 256;

    private final Analyzer analyzer;

    TextQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** A disjunction of the text's analyzed terms, or null when nothing is left (only stop words or symbols). */
    Query build(String field, String text) {
        return build(field, text, null, 0);
    }

    /**
     * The disjunction over field and, each term's score weighted by secondWeight, over secondField too (left out
     * when that weight is 0); null when the text has no searchable term. Both fields share the analyzer.
     */
    Query build(String field, String text, String secondField, float secondWeight) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing a query failed", e);
        }
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String t : terms) {
            query.add(new TermQuery(new Term(field, t)), Occur.SHOULD);
            if (secondField != null && secondWeight > 0) {
                query.add(new BoostQuery(new TermQuery(new Term(secondField, t)), secondWeight), Occur.SHOULD);
            }
        }
        return query.build();
    }
}
