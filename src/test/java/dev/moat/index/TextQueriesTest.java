package dev.moat.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

class TextQueriesTest {

    private final TextQueries queries = new TextQueries(new EnglishAnalyzer());

    @Test
    void treatsLuceneSyntaxAsWords() {
        Query q = queries.build("text", "owner:alice AND (*:* OR \"x\"~2) ^3");
        assertThat(q.toString()).isEqualTo("text:owner:alic text:x text:2 text:3");
    }

    @Test
    void stemsAndDropsStopWords() {
        assertThat(queries.build("text", "the running dogs").toString()).isEqualTo("text:run text:dog");
    }

    @Test
    void returnsNothingWhenNoWordIsLeft() {
        assertThat(queries.build("text", "the of and *:* ( ) !")).isNull();
    }

    @Test
    void capsTheNumberOfTerms() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append("w").append(i).append(' ');
        }
        Query q = queries.build("text", text.toString());
        assertThat(((org.apache.lucene.search.BooleanQuery) q).clauses()).hasSize(TextQueries.MAX_TERMS);
    }
}
