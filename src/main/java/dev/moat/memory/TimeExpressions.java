package dev.moat.memory;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relative time in English ("yesterday", "last week", "two months ago", "next Friday") resolved against the moment
 * a memory was said, so that "when did ..." finds it and an answer can carry the date. Deterministic: a fixed set of
 * expressions, read in UTC like every memory's occurredAt. Weeks start on Monday. Expressions it does not know
 * ("soon", "the other day", a bare "on Friday" whose tense decides its direction) are left alone.
 */
public final class TimeExpressions {

    /** One resolved expression: the words as written, the days they name (from and to inclusive), a label. */
    public record Resolved(String expression, LocalDate from, LocalDate to, String label) {}

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("a", 1),
            Map.entry("an", 1),
            Map.entry("one", 1),
            Map.entry("a couple of", 2),
            Map.entry("two", 2),
            Map.entry("three", 3),
            Map.entry("four", 4),
            Map.entry("five", 5),
            Map.entry("six", 6),
            Map.entry("seven", 7),
            Map.entry("eight", 8),
            Map.entry("nine", 9),
            Map.entry("ten", 10),
            Map.entry("eleven", 11),
            Map.entry("twelve", 12));

    private static final String NUMBER =
            "\\d{1,3}|a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";

    /** Longer phrases first, so "the day before yesterday" is not read as "yesterday". */
    private static final Pattern EXPRESSION = Pattern.compile(
            "\\b(?:(?<dayBefore>the day before yesterday)|(?<dayAfter>the day after tomorrow)"
                    + "|(?<agoCount>" + NUMBER + ") (?<agoUnit>day|week|weekend|month|year)s? ago"
                    + "|in (?<aheadCount>" + NUMBER + ") (?<aheadUnit>day|week|month|year)s?"
                    + "|(?<which>last|this|next|past) (?<unit>week|weekend|month|year"
                    + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                    + "|(?<yesterday>yesterday|last night)"
                    + "|(?<today>today|tonight|this morning|this afternoon|this evening)"
                    + "|(?<tomorrow>tomorrow))\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * A word each expression above contains (weekdays end in "day"), in lower case: a text with none of them has no
     * expression, found without running the pattern over it, which is most texts and most of the pattern's cost.
     */
    private static final List<String> CUES =
            List.of("day", "week", "month", "year", "night", "morning", "afternoon", "evening", "tomorrow");

    private TimeExpressions() {}

    /** Whether the text may hold an expression: it has a cue. The pattern ignores case in ASCII only, as here. */
    private static boolean mayHold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String cue : CUES) {
            if (lower.contains(cue)) {
                return true;
            }
        }
        return false;
    }

    /** Every expression of the text it knows, in order, resolved against the moment the text was said. */
    public static List<Resolved> resolve(String text, Instant said) {
        if (text == null || said == null || !mayHold(text)) {
            return List.of();
        }
        LocalDate day = said.atZone(ZoneOffset.UTC).toLocalDate();
        List<Resolved> found = new ArrayList<>();
        Matcher m = EXPRESSION.matcher(text);
        while (m.find()) {
            Resolved r = resolveOne(m, day);
            if (r != null) {
                found.add(r);
            }
        }
        return found;
    }

    /** The labels of the text's expressions, space-separated (what the index searches); empty when none. */
    public static String labels(String text, Instant said) {
        StringBuilder out = new StringBuilder();
        for (Resolved r : resolve(text, said)) {
            out.append(out.isEmpty() ? "" : "; ").append(r.label());
        }
        return out.toString();
    }

    private static Resolved resolveOne(Matcher m, LocalDate day) {
        String words = m.group();
        if (m.group("dayBefore") != null) {
            return day(words, day.minusDays(2));
        }
        if (m.group("dayAfter") != null) {
            return day(words, day.plusDays(2));
        }
        if (m.group("yesterday") != null) {
            return day(words, day.minusDays(1));
        }
        if (m.group("today") != null) {
            return day(words, day);
        }
        if (m.group("tomorrow") != null) {
            return day(words, day.plusDays(1));
        }
        if (m.group("agoCount") != null) {
            return shifted(words, day, -count(m.group("agoCount")), lower(m.group("agoUnit")));
        }
        if (m.group("aheadCount") != null) {
            return shifted(words, day, count(m.group("aheadCount")), lower(m.group("aheadUnit")));
        }
        int step =
                switch (lower(m.group("which"))) {
                    case "last", "past" -> -1;
                    case "next" -> 1;
                    default -> 0;
                };
        String unit = lower(m.group("unit"));
        return switch (unit) {
            case "week" -> week(words, day.plusWeeks(step));
            case "weekend" -> weekend(words, day, step);
            case "month" -> month(words, day.plusMonths(step));
            case "year" -> year(words, day.plusYears(step));
            default -> weekday(words, day, DayOfWeek.valueOf(unit.toUpperCase(Locale.ROOT)), step);
        };
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static int count(String number) {
        String n = number.toLowerCase(Locale.ROOT);
        Integer word = NUMBERS.get(n);
        return word != null ? word : Integer.parseInt(n);
    }

    private static Resolved shifted(String words, LocalDate day, int amount, String unit) {
        return switch (unit) {
            case "day" -> day(words, day.plusDays(amount));
            case "week" -> week(words, day.plusWeeks(amount));
            case "weekend" -> weekend(words, day.plusWeeks(amount + 1), -1); // "a weekend ago" is last weekend
            case "month" -> month(words, day.plusMonths(amount));
            default -> year(words, day.plusYears(amount));
        };
    }

    private static Resolved day(String words, LocalDate d) {
        return new Resolved(words, d, d, DAY.format(d));
    }

    private static Resolved week(String words, LocalDate inWeek) {
        LocalDate monday = inWeek.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new Resolved(words, monday, monday.plusDays(6), "the week of " + DAY.format(monday));
    }

    /**
     * The weekend before the day (step -1), the one under way or coming (0), or the one after that (1). On a Saturday
     * or Sunday, "last weekend" is the one a week before, as people mean it.
     */
    private static Resolved weekend(String words, LocalDate day, int step) {
        LocalDate saturday =
                switch (day.getDayOfWeek()) {
                    case SATURDAY -> day;
                    case SUNDAY -> day.minusDays(1);
                    default -> day.with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
                };
        if (step < 0) {
            saturday = saturday.minusWeeks(1);
        } else if (step > 0) {
            saturday = saturday.plusWeeks(1);
        }
        return new Resolved(words, saturday, saturday.plusDays(1), "the weekend of " + DAY.format(saturday));
    }

    private static Resolved month(String words, LocalDate inMonth) {
        LocalDate first = inMonth.withDayOfMonth(1);
        return new Resolved(words, first, first.plusMonths(1).minusDays(1), MONTH.format(first));
    }

    private static Resolved year(String words, LocalDate inYear) {
        LocalDate first = inYear.withDayOfYear(1);
        return new Resolved(words, first, first.plusYears(1).minusDays(1), String.valueOf(first.getYear()));
    }

    /** "last Friday": the latest Friday before the day; "next Friday": the first after; "this Friday": this week's. */
    private static Resolved weekday(String words, LocalDate day, DayOfWeek weekday, int step) {
        LocalDate d =
                switch (step) {
                    case -1 -> day.with(TemporalAdjusters.previous(weekday));
                    case 1 -> day.with(TemporalAdjusters.next(weekday));
                    default -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                            .with(TemporalAdjusters.nextOrSame(weekday));
                };
        String name = weekday.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return new Resolved(words, d, d, name + " " + DAY.format(d));
    }
}
