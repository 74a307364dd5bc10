package dev.moat.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpeakersTest {

    @Test
    void aTranscriptLineNamesItsSpeakerAndAnythingElseIsTheUsers() {
        assertThat(Speakers.of("Ana: I moved to Porto")).isEqualTo("ana");
        assertThat(Speakers.of("Mary Ann Lee: hello")).isEqualTo("mary ann lee");
        assertThat(Speakers.of("assistant: Try pandas")).isEqualTo("assistant");
        assertThat(Speakers.of("Assistant: Try pandas")).isEqualTo("assistant");
        assertThat(Speakers.of("User: my own words")).isEqualTo(Speakers.USER);
        assertThat(Speakers.of("note: buy milk")).isEqualTo(Speakers.USER);
        assertThat(Speakers.of("I live in Porto: the best city")).isEqualTo(Speakers.USER);
        assertThat(Speakers.of("Meeting at 10:30 tomorrow")).isEqualTo(Speakers.USER);
    }

    @Test
    void aQuestionIsAboutTheSpeakersItNamesAndTheUserWhenInTheFirstPerson() {
        List<String> pool = List.of("melanie", "caroline", Speakers.USER);
        assertThat(Speakers.subjects("What does Melanie do to destress?", pool)).containsExactly("melanie");
        assertThat(Speakers.subjects("What book did Melanie read from Caroline's suggestion?", pool))
                .containsExactlyInAnyOrder("melanie", "caroline");
        assertThat(Speakers.subjects("What did I say about the schema?", List.of("assistant", Speakers.USER)))
                .containsExactly(Speakers.USER);
        assertThat(Speakers.subjects("I'm moving; which of my plants travel well?", List.of(Speakers.USER)))
                .containsExactly(Speakers.USER);
        // Names are whole words, and a question about no one has no subject.
        assertThat(Speakers.subjects("What do Melanies like?", pool)).isEmpty();
        assertThat(Speakers.subjects("Which city hosts the marathon?", pool)).isEmpty();
    }

    @Test
    void youIsTheAssistantUnlessItOnlyAddressesARequest() {
        List<String> chat = List.of("assistant", Speakers.USER);
        assertThat(Speakers.subjects("How did you recommend structuring my week?", chat))
                .containsExactlyInAnyOrder("assistant", Speakers.USER);
        assertThat(Speakers.subjects("What was your advice on the schema?", chat))
                .containsExactly("assistant");
        assertThat(Speakers.subjects("Can you list the order in which I brought up my plans?", chat))
                .containsExactly(Speakers.USER);
        assertThat(Speakers.subjects("Could you remind me what I decided?", chat))
                .containsExactly(Speakers.USER);
        // no assistant among the speakers: "you" names no one there
        assertThat(Speakers.subjects("What did you tell Melanie?", List.of("melanie", "caroline")))
                .containsExactly("melanie");
    }

    @Test
    void aRequestForASummaryIsAboutEveryone() {
        List<String> chat = List.of("assistant", Speakers.USER);
        assertThat(Speakers.subjects("Can you summarize how my project has progressed?", chat))
                .isEmpty();
        assertThat(Speakers.subjects("Give me a quick recap of what I planned", chat))
                .isEmpty();
        assertThat(Speakers.subjects("An overview of Melanie's hobbies, please", List.of("melanie", "caroline")))
                .isEmpty();
        assertThat(Speakers.subjects("What did I summarise for the board?", chat))
                .isEmpty();
    }
}
