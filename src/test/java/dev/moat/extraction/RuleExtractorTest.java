package dev.moat.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moat.memory.MemoryKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the deterministic extractor draws from a message, and what it leaves alone. */
class RuleExtractorTest {

    private static final Instant SAID = Instant.parse("2023-05-08T13:56:00Z");

    private static List<String> texts(String message) {
        return RuleExtractor.statements(message, SAID).stream()
                .map(Statement::text)
                .toList();
    }

    @Test
    void statesFactsAndPreferencesAboutTheSpeaker() {
        List<Statement> found = RuleExtractor.statements(
                "Ana: I moved to Porto, and I work as a nurse. My favourite band is Muse! I'm vegetarian.", SAID);

        assertThat(found)
                .extracting(Statement::text)
                .containsExactly(
                        "Ana lives in Porto",
                        "Ana works as a nurse",
                        "Ana's favourite band is Muse",
                        "Ana is vegetarian");
        assertThat(found)
                .extracting(Statement::slot)
                .containsExactly("ana|lives in", "ana|works as", "ana|favourite band", "ana|diet");
        assertThat(found)
                .extracting(Statement::kind)
                .containsExactly(MemoryKind.FACT, MemoryKind.FACT, MemoryKind.PREFERENCE, MemoryKind.PREFERENCE);
        assertThat(found).extracting(Statement::at).containsOnly(SAID);
    }

    @Test
    void withoutANameTheSpeakerIsTheUser() {
        assertThat(texts("I live in Leeds with my sister")).containsExactly("The user lives in Leeds");
        assertThat(texts("I love hiking with my dog")).containsExactly("The user likes hiking");
    }

    @Test
    void datesADeedByItsTimeWordsAndLeavesThemOutOfTheStatement() {
        List<Statement> found =
                RuleExtractor.statements("Mel: Guess what, yesterday I signed up for a pottery class!", SAID);

        assertThat(found).hasSize(1);
        assertThat(found.get(0).text()).isEqualTo("Mel signed up for a pottery class (7 May 2023)");
        assertThat(found.get(0).at()).isEqualTo(Instant.parse("2023-05-07T00:00:00Z"));
        assertThat(texts("I started playing guitar about five years ago."))
                .containsExactly("The user started playing guitar (2018)");
    }

    @Test
    void likingAndDislikingAThingShareASlot() {
        String liked = RuleExtractor.statements("I love sushi", SAID).get(0).slot();
        String disliked = RuleExtractor.statements("I hate sushi", SAID).get(0).slot();
        assertThat(liked).isEqualTo(disliked).isEqualTo("the user|opinion of sushi");
        assertThat(texts("I can't stand sushi")).containsExactly("The user dislikes sushi");
    }

    @Test
    void questionsVagueObjectsAndOtherPeoplesClausesStateNothing() {
        assertThat(texts("Do you live in Paris? Have you moved to Rome?")).isEmpty();
        assertThat(texts("I love that! I like how it looks. I love you.")).isEmpty();
        assertThat(texts("The flowers I bought yesterday remind me of home")).isEmpty();
        assertThat(texts("")).isEmpty();
        // "my" becomes the speaker's
        assertThat(texts("Jon: I lost my job as a banker")).containsExactly("Jon lost Jon's job as a banker");
    }
}
