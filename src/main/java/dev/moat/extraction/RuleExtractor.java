package dev.moat.extraction;

import dev.moat.memory.MemoryKind;
import dev.moat.memory.TimeExpressions;
import dev.moat.user.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts and preferences a message states about its speaker, found by fixed English patterns, no model: "I live in
 * Lisbon" gives the fact "Ana lives in Lisbon", "My favourite band is Muse" the preference "Ana's favourite band is
 * Muse". The speaker is the name before a leading "Name: " (a transcript line), else "The user". Each finding has a
 * slot, what it is about ("ana|lives in"), by which a later finding replaces it (Consolidation).
 */
@ApplicationScoped
public class RuleExtractor implements Extractor {

    /** The extractor's name in the provenance of what it draws. */
    public static final String NAME = "rules";

    /** Where a clause about the speaker starts: "I ..." at the start, after a comma, a joining or a time word. */
    private static final String CLAUSE = "(?:^|[,;:]\\s*|\\b(?:and|but|so|then|because|since|when|also|weekend|week"
            + "|month|year|yesterday|today|recently|finally|night|ago|friday|saturday|sunday|monday|tuesday|wednesday"
            + "|thursday)\\s+)";

    /** "Ana: I moved to Porto" - the speaker's name, then the words. */
    private static final Pattern SPEAKER = Pattern.compile("^\\s*([A-Z][\\p{L}'.-]*(?: [A-Z][\\p{L}'.-]*){0,2}):\\s+");

    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?;])\\s+|\\n+");

    /** Where the words of an object end: punctuation, the end, or a joining word. */
    private static final String ENDS = "[.,!?;:)]|$| and | but | because | since | so | which | who | with | when "
            + "| now| too| as well| again| lately| these days";

    /** An object: up to six words ("I live in Porto for work": Porto). */
    private static final String OBJECT = "([\\p{L}\\p{N}'&-]+(?: [\\p{L}\\p{N}'&-]+){0,5}?)(?=" + ENDS + "| for )";

    /** What a deed was done to: up to eight words, "for" among them ("training for the Berlin marathon"). */
    private static final String DEED = "([\\p{L}\\p{N}'&-]+(?: [\\p{L}\\p{N}'&-]+){0,7}?)(?=" + ENDS + ")";

    /** A month named as when, at the end of a statement: "in March", "last March", "in March 2023". */
    private static final Pattern MONTH_PHRASE = Pattern.compile(
            "\\s*\\b(?:(?:back )?in|since|during|last|this|next|early|late) (January|February|March|April|May|June|July"
                    + "|August|September|October|November|December)(?: (\\d{4}))?\\b");

    /** The relations whose object is a place or an employer (RuleExtractor.dated). */
    private static final Set<String> PLACES = Set.of("lives in", "is from", "works at");

    private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    /** What is preferred: the rest of the clause, up to a reason or a question ("so I prefer X, how can I ..."). */
    private static final String PREFERRED = "([^.;!?]{3,160}?)(?=[.;!?]|, (?:how|what|which|can|could|would|should"
            + "|do|does|is|are|will|and can)\\b| because | since | due to |$)";

    /** A question's last clause: "..., so I prefer X, how can I ...?" keeps what comes before it. */
    private static final Pattern ASKED = Pattern.compile(
            ",\\s+(?:how|what|which|where|when|why|who|can|could|would|should|do|does|is|are|will)\\b[^,]*\\?.*$",
            Pattern.CASE_INSENSITIVE);

    /** Objects that name no thing: "I love that", "I like how it looks". */
    private static final Pattern VAGUE = Pattern.compile(
            "^(it|that|this|these|those|them|you|him|her|us|how|what|when|where|why|to|the way|the idea|the fact"
                    + "|the thought|being|having|doing|is|are|was|were|been|a lot|so much|it's|that's|myself|a few"
                    + "|a couple|some time"
                    + "|so|such|all|every|everything|something|anything|one|some|more|most|your|his|their|our)\\b.*",
            Pattern.CASE_INSENSITIVE);

    private static final Map<Pattern, Rule> RULES = new LinkedHashMap<>();

    /** A pattern's finding, from the speaker's name and the captured words. */
    private interface Rule {
        Statement apply(String speaker, Matcher m);
    }

    static {
        rule(
                "\\bI (?:now |currently |still )?live in " + OBJECT,
                (s, m) -> fact(s + " lives in " + m.group(1), s, "lives in"));
        rule(
                "\\bI(?:'ve| have)? (?:just |recently |finally )?moved to " + OBJECT,
                (s, m) -> fact(s + " lives in " + m.group(1), s, "lives in"));
        rule(
                "\\bI(?:'m| am) (?:originally )?from " + OBJECT,
                (s, m) -> fact(s + " is from " + m.group(1), s, "is from"));
        rule("\\bI work as an? " + OBJECT, (s, m) -> fact(s + " works as a " + m.group(1), s, "works as"));
        rule("\\bI work (?:at|for) " + OBJECT, (s, m) -> fact(s + " works at " + m.group(1), s, "works at"));
        rule("\\bmy name is " + OBJECT, (s, m) -> fact(s + "'s name is " + m.group(1), s, "name"));
        rule(
                "\\bI(?:'m| am) (\\d{1,3}) years old\\b",
                (s, m) -> fact(s + " is " + m.group(1) + " years old", s, "age"));
        rule(
                "\\bI(?:'m| am) (?:now |happily )?(married|single|engaged|divorced|widowed)\\b",
                (s, m) -> fact(s + " is " + lower(m.group(1)), s, "relationship"));
        rule(
                "\\bI(?:'m| am) (?:a |an )?(vegetarian|vegan|pescatarian)\\b",
                (s, m) -> preference(s + " is " + lower(m.group(1)), s, "diet"));
        rule(
                "\\bI(?:'m| am) allergic to " + OBJECT,
                (s, m) -> fact(s + " is allergic to " + m.group(1), s, "allergic to " + lower(m.group(1))));
        rule(
                "\\bI have an? ([\\p{L}-]+) (?:named|called) ([A-Z][\\p{L}'-]*)",
                (s, m) -> fact(
                        s + " has a " + lower(m.group(1)) + " named " + m.group(2),
                        s,
                        "has " + lower(m.group(1)) + " " + lower(m.group(2))));
        rule(
                "\\bmy fav(?:ou)?rite ([\\p{L}-]+(?: [\\p{L}-]+)?) (?:is|are) " + OBJECT,
                (s, m) -> preference(
                        s + "'s favourite " + lower(m.group(1)) + " is " + m.group(2),
                        s,
                        "favourite " + lower(m.group(1))));
        rule(
                "\\bI(?:'ve| have)? (?:just |recently |finally |also )?(joined|started|signed up for|adopted|bought"
                        + "|finished|graduated from|volunteered at|visited|went to|ran|won|lost|painted|took up"
                        + "|launched|opened) "
                        + DEED,
                (s, m) -> activity(s, m.group(1), m.group(2)));
        // A standing instruction, said as one: a sentence that starts "Always ...", "Never ...", "From now on ...".
        rule("^(?:please )?((?:always|never) .{3,200}?)[.!]*$", (s, m) -> instruction(s, m.group(1)));
        rule("^from now on,? (.{3,200}?)[.!]*$", (s, m) -> instruction(s, m.group(1)));
        rule(
                "\\bI (?:really |strongly |generally |usually |would |'d )?prefer " + PREFERRED,
                (s, m) -> preferred(s, m.group(1)));
        rule(
                "\\bI (?:really |truly |absolutely )?(?:love|like|enjoy|adore) " + OBJECT,
                (s, m) -> opinion(s, "likes", m.group(1)));
        rule(
                "\\bI (?:really )?(?:hate|dislike|can't stand|don't like|do not like|don't enjoy) " + OBJECT,
                (s, m) -> opinion(s, "dislikes", m.group(1)));
    }

    /** A rule; a pattern starting "\\bI" matches only where a clause starts (CLAUSE), not "the flowers I bought". */
    private static void rule(String regex, Rule rule) {
        String anchored = regex.startsWith("\\bI") ? CLAUSE + regex.substring(2) : regex;
        RULES.put(Pattern.compile(anchored, Pattern.CASE_INSENSITIVE), rule);
    }

    @Override
    public Drawn extract(Owner owner, String message, Instant said) {
        return new Drawn(statements(message, said), "moat", NAME);
    }

    /**
     * What the message, said at the given moment, states about its speaker, in order of the sentences; one finding
     * per slot.
     */
    public static List<Statement> statements(String message, Instant said) {
        if (message == null || message.isBlank()) {
            return List.of();
        }
        String speaker = "The user";
        String words = message;
        Matcher named = SPEAKER.matcher(message);
        if (named.find()) {
            speaker = named.group(1);
            words = message.substring(named.end());
        }
        Map<String, Statement> bySlot = new LinkedHashMap<>();
        for (String sentence : SENTENCE.split(words)) {
            if (sentence.contains("?")) {
                // "Do you live in Paris?" states nothing; "I prefer tea, what do you suggest?" states its first part
                sentence = ASKED.matcher(sentence).replaceFirst("");
                if (sentence.contains("?")) {
                    continue;
                }
            }
            List<TimeExpressions.Resolved> times = TimeExpressions.resolve(sentence, said);
            // The sentence's time words date what it states, and are no part of the statement.
            String plain = sentence;
            for (TimeExpressions.Resolved t : times) {
                plain = plain.replace(t.expression(), " ");
            }
            plain = plain.replaceAll("\\s+", " ").replaceAll(" ([,.!;])", "$1").strip();
            Instant at = times.isEmpty()
                    ? said
                    : times.get(0).from().atStartOfDay(ZoneOffset.UTC).toInstant();
            String dated = times.isEmpty() ? "" : " (" + times.get(0).label() + ")";
            for (Map.Entry<Pattern, Rule> r : RULES.entrySet()) {
                Matcher m = r.getKey().matcher(plain);
                while (m.find()) {
                    Statement e = r.getValue().apply(speaker, m);
                    // a thing named past the slot's width is no preference anyone states (and no column holds it)
                    if (e != null && Statement.fits(e.text(), e.slot())) {
                        bySlot.putIfAbsent(e.slot(), dated(e, dated, at, said));
                    }
                }
            }
        }
        return new ArrayList<>(bySlot.values());
    }

    /**
     * The statement with its date. Where someone lives, comes from or works is a place or an employer, never a month:
     * "I moved to Lisbon in March" is "The user lives in Lisbon (March 2023)", dated March, not a home called "Lisbon
     * in March". A deed keeps its month ("training for the marathon in September" may name the race's month).
     */
    private static Statement dated(Statement e, String dated, Instant at, Instant said) {
        String relation = e.slot().substring(e.slot().indexOf('|') + 1);
        Matcher month = MONTH_PHRASE.matcher(e.text());
        if (PLACES.contains(relation) && month.find() && month.end() == e.text().length()) {
            String text = e.text().substring(0, month.start()).strip();
            if (dated.isEmpty()) {
                YearMonth when = month(month, said);
                return new Statement(
                        text + " (" + MONTH_LABEL.format(when) + ")",
                        e.kind(),
                        e.slot(),
                        when.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return new Statement(text + dated, e.kind(), e.slot(), at);
        }
        return new Statement(e.text() + dated, e.kind(), e.slot(), at);
    }

    /**
     * The month a phrase names: its year when given; "next March" the first March after the message; otherwise the
     * latest March not after it, as a statement of what is so mostly tells of the past.
     */
    private static YearMonth month(Matcher phrase, Instant said) {
        Month named = Month.valueOf(phrase.group(1).toUpperCase(Locale.ROOT));
        YearMonth now = YearMonth.from(said.atZone(ZoneOffset.UTC));
        if (phrase.group(2) != null) {
            return YearMonth.of(Integer.parseInt(phrase.group(2)), named);
        }
        YearMonth thisYear = now.withMonth(named.getValue());
        if (phrase.group().strip().startsWith("next")) {
            return thisYear.isAfter(now) ? thisYear : thisYear.plusYears(1);
        }
        return thisYear.isAfter(now) ? thisYear.minusYears(1) : thisYear;
    }

    private static Statement fact(String text, String speaker, String about) {
        return of(text, MemoryKind.FACT, speaker, about);
    }

    private static Statement preference(String text, String speaker, String about) {
        return of(text, MemoryKind.PREFERENCE, speaker, about);
    }

    /**
     * A standing instruction, quoted in the speaker's own words (so no grammar is bent turning "I" into "they"): each
     * one a slot of its own, so a later one adds to it rather than replaces it; the same one again is a repeat.
     */
    private static Statement instruction(String speaker, String words) {
        String rule = words.strip();
        if (rule.split("\\s+").length < 3) {
            return null;
        }
        String quoted = Character.toUpperCase(rule.charAt(0)) + rule.substring(1);
        return preference(
                speaker + "'s standing instruction: \"" + quoted + "\"", speaker, "instruction " + lower(rule));
    }

    /** A stated preference: one slot per thing preferred. */
    private static Statement preferred(String speaker, String object) {
        String thing = thing(speaker, object);
        if (thing == null) {
            return null;
        }
        return preference(speaker + " prefers " + thing, speaker, "prefers " + lower(thing));
    }

    /** Liking and disliking a thing share a slot: the later opinion replaces the earlier. */
    private static Statement opinion(String speaker, String verb, String object) {
        String thing = thing(speaker, object);
        if (thing == null) {
            return null;
        }
        return preference(speaker + " " + verb + " " + thing, speaker, "opinion of " + lower(thing));
    }

    /** Something the speaker did: accumulates (its slot is the deed itself), dated by the message's time words. */
    private static Statement activity(String speaker, String verb, String object) {
        String thing = thing(speaker, object);
        if (thing == null) {
            return null;
        }
        String deed = lower(verb) + " " + thing;
        return fact(speaker + " " + deed, speaker, lower(deed));
    }

    /** The object in the third person ("my fam": "Ana's fam"), or null when it names nothing. */
    private static String thing(String speaker, String object) {
        String thing = object.strip().replaceAll("(?i) (?:about|around|roughly|like|just|only)$", "");
        if (thing.isEmpty() || VAGUE.matcher(thing).matches()) {
            return null;
        }
        String owner = speaker.equals("The user") ? "the user's" : speaker + "'s";
        return thing.replaceAll("(?i)\\bmy\\b", owner).replaceAll("(?i)\\bour\\b", "their");
    }

    private static Statement of(String text, MemoryKind kind, String speaker, String about) {
        String clean = text.strip().replaceAll("\\s+", " ");
        return new Statement(clean, kind, lower(speaker) + "|" + about.strip(), null);
    }

    private static String lower(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
