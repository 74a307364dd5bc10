package dev.moat.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

class TextQueriesTest {

    private static final Map<String, Float> TEXT = Map.of("text", 1f);

    private final TextQueries queries = new TextQueries(new EnglishAnalyzer());

    @Test
    void searchesEveryWeightedFieldAndLeavesOutThoseOfWeightZero() {
        Map<String, Float> fields = new LinkedHashMap<>();
        fields.put("text", 1f);
        fields.put("context", 0.5f);
        fields.put("when", 0f);
        assertThat(queries.build("the running dogs", fields).toString())
                .isEqualTo("text:run (context:run)^0.5 text:dog (context:dog)^0.5");
    }

    @Test
    void treatsLuceneSyntaxAsWords() {
        Query q = queries.build("owner:alice AND (*:* OR \"x\"~2) ^3", TEXT);
        assertThat(q.toString()).isEqualTo("text:owner:alic text:x text:2 text:3");
    }

    @Test
    void stemsAndDropsStopWords() {
        assertThat(queries.build("the running dogs", TEXT).toString()).isEqualTo("text:run text:dog");
    }

    @Test
    void returnsNothingWhenNoWordIsLeft() {
        assertThat(queries.build("the of and *:* ( ) !", TEXT)).isNull();
    }

    @Test
    void capsTheNumberOfTerms() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append("w").append(i).append(' ');
        }
        Query q = queries.build(text.toString(), TEXT);
        assertThat(((org.apache.lucene.search.BooleanQuery) q).clauses()).hasSize(TextQueries.MAX_TERMS);
    }
}
