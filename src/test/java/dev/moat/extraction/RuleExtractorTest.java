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
    void leavesOutAThingTooLongForItsSlot() {
        // "opinion of " and 300 letters: past the slot column's width, which had made the memory's add a 500
        String thing = "tea " + "x".repeat(300);
        assertThat(texts("I like " + thing + ". I live in Leeds")).containsExactly("The user lives in Leeds");
        assertThat(RuleExtractor.statements("I like " + "x".repeat(200), SAID)).hasSize(1);
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

    @Test
    void standingInstructionsAndStatedPreferencesArePreferences() {
        List<Statement> found = RuleExtractor.statements(
                "Always format all code snippets with syntax highlighting when I ask about implementation details.",
                SAID);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).kind()).isEqualTo(MemoryKind.PREFERENCE);
        assertThat(found.get(0).text())
                .isEqualTo("The user's standing instruction: \"Always format all code snippets with syntax highlighting"
                        + " when I ask about implementation details\"");
        assertThat(texts("From now on, reply in French and keep my answers short."))
                .containsExactly("The user's standing instruction: \"Reply in French and keep my answers short\"");
        // two instructions are two slots: the second adds to the first
        assertThat(RuleExtractor.statements("Never use tabs for indentation.", SAID)
                        .get(0)
                        .slot())
                .isNotEqualTo(found.get(0).slot());

        assertThat(texts("I'm keeping the app small, so I prefer simple, minimal dependencies, how can I do that?"))
                .containsExactly("The user prefers simple, minimal dependencies");
        assertThat(texts("I prefer tea because coffee keeps me awake.")).containsExactly("The user prefers tea");
        // not instructions: "always" inside a sentence, or too short to say what to do
        assertThat(texts("I'm always here to cheer you on. Always!")).isEmpty();
        assertThat(texts("Do you always prefer Python?")).isEmpty();
    }

    @Test
    void aMonthDatesWhereSomeoneLivesAndIsNoPartOfThePlace() {
        List<Statement> moved = RuleExtractor.statements("I moved to Lisbon in March", SAID); // said 8 May 2023
        assertThat(moved).extracting(Statement::text).containsExactly("The user lives in Lisbon (March 2023)");
        assertThat(moved.get(0).at()).isEqualTo(Instant.parse("2023-03-01T00:00:00Z"));
        assertThat(moved.get(0).slot()).isEqualTo("the user|lives in");
        // the latest such month not after the message, unless "next" says otherwise, or a year is named
        assertThat(RuleExtractor.statements("I moved to Oslo in November", SAID)
                        .get(0)
                        .at())
                .isEqualTo(Instant.parse("2022-11-01T00:00:00Z"));
        assertThat(texts("I moved to Bergen back in March 2019"))
                .containsExactly("The user lives in Bergen (March 2019)");
        assertThat(RuleExtractor.statements("I live in Bergen next June", SAID)
                        .get(0)
                        .at())
                .isEqualTo(Instant.parse("2023-06-01T00:00:00Z"));
        // a deed keeps its month: it may name the event's, not the deed's
        assertThat(texts("I started training for the Berlin marathon in September"))
                .containsExactly("The user started training for the Berlin marathon in September");
    }
}
