package dev.moat.index;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who said a memory, and whom a question is about. A memory written as a transcript line ("Ana: I moved to Porto",
 * "assistant: Try pandas") names its speaker; any other memory is the user's own words. A question is about the
 * speakers it names, about the user when it speaks in the first person ("What did I say about ..."), about the
 * assistant when it speaks of "you" ("What did you recommend ..."), and about everyone when it asks for a summary.
 */
public final class Speakers {

    /** The user's own words: a memory without a leading speaker. */
    public static final String USER = "";

    /** The assistant of a chat transcript ("assistant: ..."). */
    public static final String ASSISTANT = "assistant";

    /**
     * A leading "Name: " of one to three capitalised words, or the role "assistant:" in any case. Lower-case words
     * other than the role ("note: ...") are not names.
     */
    private static final Pattern LEADING =
            Pattern.compile("^\\s*(?:([A-Z][\\p{L}'.-]*(?: [A-Z][\\p{L}'.-]*){0,2})|((?i:assistant))):\\s");

    private static final Pattern FIRST_PERSON =
            Pattern.compile("(?i)\\b(?:I|me|my|mine|myself)\\b|\\bI['\u2019](?:m|ve|d|ll)\\b");

    /**
     * The assistant spoken of: "you" and "your", except as the addressee of a request ("Can you list ...", "could
     * you"), which is how a question to an assistant opens, not what it asks about.
     */
    private static final Pattern SECOND_PERSON = Pattern.compile(
            "(?i)(?<!\\bcan )(?<!\\bcould )(?<!\\bwould )(?<!\\bwill )\\b(?:you|your|yours|yourself)\\b");

    /** A request for a summary, a recap or an overview: about all that was said, whoever said it. */
    private static final Pattern WHOLE_CONVERSATION =
            Pattern.compile("(?i)\\b(?:summar(?:y|ies|ise|ize|ised|ized|ising|izing)|recap|overview)\\b");

    private Speakers() {}

    /** The memory's speaker in lower case: "ana", "assistant", or USER. A leading "User: " is the user too. */
    public static String of(String text) {
        Matcher m = LEADING.matcher(text);
        if (!m.find()) {
            return USER;
        }
        String name = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
        return name.equals("user") ? USER : name;
    }

    /**
     * The speakers among {@code known} that the question is about: those it names as whole words, in any case, USER
     * when it speaks in the first person, and the assistant (when known) when it speaks of "you". Empty when it
     * names none of them, and when it asks for a summary: a summary is of everyone's words.
     */
    static Set<String> subjects(String question, Collection<String> known) {
        Set<String> subjects = new HashSet<>();
        if (WHOLE_CONVERSATION.matcher(question).find()) {
            return subjects;
        }
        String lower = question.toLowerCase(Locale.ROOT);
        for (String speaker : known) {
            if (!speaker.equals(USER) && namesWord(lower, speaker)) {
                subjects.add(speaker);
            }
        }
        if (known.contains(ASSISTANT) && SECOND_PERSON.matcher(question).find()) {
            subjects.add(ASSISTANT);
        }
        if (FIRST_PERSON.matcher(question).find()) {
            subjects.add(USER);
        }
        return subjects;
    }

    private static boolean namesWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            boolean starts = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            boolean ends = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (starts && ends) {
                return true;
            }
        }
        return false;
    }
}
