package dev.moat.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Relative time resolved against when it was said: Monday 8 May 2023, 13:56 UTC, unless a case says otherwise. */
class TimeExpressionsTest {

    private static final Instant MONDAY = Instant.parse("2023-05-08T13:56:00Z");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "I went to the support group yesterday.  | yesterday                | 2023-05-07 | 2023-05-07 | 7 May 2023",
                "Last night was amazing!                 | Last night               | 2023-05-07 | 2023-05-07 | 7 May 2023",
                "the day before yesterday we moved       | the day before yesterday | 2023-05-06 | 2023-05-06 | 6 May 2023",
                "I start tomorrow                        | tomorrow                 | 2023-05-09 | 2023-05-09 | 9 May 2023",
                "It is my birthday today                 | today                    | 2023-05-08 | 2023-05-08 | 8 May 2023",
                "We painted last week                    | last week                | 2023-05-01 | 2023-05-07 | the week of 1 May 2023",
                "the race is next week                   | next week                | 2023-05-15 | 2023-05-21 | the week of 15 May 2023",
                "We went camping last weekend            | last weekend             | 2023-05-06 | 2023-05-07 | the weekend of 6 May 2023",
                "any plans this weekend?                 | this weekend             | 2023-05-13 | 2023-05-14 | the weekend of 13 May 2023",
                "I got hurt last month                   | last month               | 2023-04-01 | 2023-04-30 | April 2023",
                "the show is next month                  | next month               | 2023-06-01 | 2023-06-30 | June 2023",
                "I read it last year                     | last year                | 2022-01-01 | 2022-12-31 | 2022",
                "Last Friday I went to a workshop        | Last Friday              | 2023-05-05 | 2023-05-05 | Friday 5 May 2023",
                "see you next Monday                     | next Monday              | 2023-05-15 | 2023-05-15 | Monday 15 May 2023",
                "I moved here 4 years ago                | 4 years ago              | 2019-01-01 | 2019-12-31 | 2019",
                "three days ago it rained                | three days ago           | 2023-05-05 | 2023-05-05 | 5 May 2023",
                "a couple of months ago I quit           | a couple of months ago   | 2023-03-01 | 2023-03-31 | March 2023",
                "two weekends ago we hiked               | two weekends ago         | 2023-04-29 | 2023-04-30 | the weekend of 29 April 2023",
                "the results come in 2 weeks             | in 2 weeks               | 2023-05-22 | 2023-05-28 | the week of 22 May 2023",
            })
    void resolvesAgainstTheMomentItWasSaid(String text, String words, LocalDate from, LocalDate to, String label) {
        assertThat(TimeExpressions.resolve(text, MONDAY))
                .containsExactly(new TimeExpressions.Resolved(words, from, to, label));
    }

    @Test
    void lastWeekendSaidOnAWeekendIsTheOneBefore() {
        Instant sunday = Instant.parse("2023-05-14T10:00:00Z");
        assertThat(TimeExpressions.resolve("last weekend", sunday).get(0).from())
                .isEqualTo("2023-05-06");
        assertThat(TimeExpressions.resolve("this weekend", sunday).get(0).from())
                .isEqualTo("2023-05-13");
    }

    @Test
    void findsEveryExpressionInOrderAndLeavesOthersAlone() {
        List<TimeExpressions.Resolved> found =
                TimeExpressions.resolve("Yesterday I booked it, soon I fly, and next month I'm back", MONDAY);
        assertThat(found).extracting(TimeExpressions.Resolved::label).containsExactly("7 May 2023", "June 2023");
        assertThat(TimeExpressions.labels("Yesterday, and next month", MONDAY)).isEqualTo("7 May 2023; June 2023");
        // words that only contain an expression, and a bare weekday whose direction only the tense gives
        assertThat(TimeExpressions.resolve("todays weekendly yesterdays; on Friday", MONDAY))
                .isEmpty();
        assertThat(TimeExpressions.resolve(null, MONDAY)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "TONIGHT, 8 May 2023",
        "THIS MORNING, 8 May 2023",
        "This Afternoon, 8 May 2023",
        "this EVENING, 8 May 2023",
        "THE DAY AFTER TOMORROW, 10 May 2023",
        "IN 3 MONTHS, August 2023",
        "NEXT SUNDAY, Sunday 14 May 2023",
        "Two Years Ago, 2021"
    })
    void everyFormIsFoundInAnyCase(String words, String label) {
        // Each form has one of the cue words the pattern only runs after; in upper case too, as the pattern ignores it.
        assertThat(TimeExpressions.resolve("so: " + words + "!", MONDAY))
                .extracting(TimeExpressions.Resolved::label)
                .containsExactly(label);
    }
}
