package dev.moat.lockin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Probes derived from a user's own memories when no data set gives questions (docs/SWITCHING-COST.md, "Probes"):
 * memories are taken in the order of the SHA-256 of their id (a fixed, even spread over the history), those with at
 * least two content words; each becomes a cue of every other content word of its text, so the probe asks for the
 * memory without quoting it. Its evidence is the memory or any message it was drawn from.
 */
final class DerivedProbes {

    private static final int MAX_CUE_WORDS = 12;
    private static final Set<String> STOPWORDS = Set.of(
            "the", "and", "for", "with", "that", "this", "was", "were", "are", "you", "your", "have", "has", "had",
            "not", "but", "from", "they", "them", "their", "what", "when", "where", "which", "who", "will", "would",
            "can", "could", "about", "into", "just", "like", "some", "than", "then", "there", "these", "those", "been",
            "being", "also", "very", "more", "most", "such", "only", "over", "our", "out", "its", "his", "her", "she",
            "him", "how", "all", "any", "did", "does", "too", "i'm", "it's", "yes", "yeah");

    private DerivedProbes() {}

    static List<Probe> of(List<MeterMemory> memories, Set<String> existing, int max) {
        List<MeterMemory> spread = new ArrayList<>(memories);
        spread.sort(Comparator.comparing(m -> sha256(m.id())));
        List<Probe> probes = new ArrayList<>();
        for (MeterMemory m : spread) {
            if (probes.size() == max) {
                break;
            }
            String cue = cue(m.text());
            if (cue != null) {
                Set<String> evidence = new HashSet<>();
                evidence.add(m.id());
                evidence.addAll(m.sources().stream().filter(existing::contains).toList());
                probes.add(new Probe(cue, List.of(evidence)));
            }
        }
        return probes;
    }

    /** Every other content word of the text (the first, third, ...), or null when it has fewer than two. */
    static String cue(String text) {
        List<String> words = new ArrayList<>(new LinkedHashSet<>(contentWords(text)));
        if (words.size() < 2) {
            return null;
        }
        List<String> cue = new ArrayList<>();
        for (int i = 0; i < words.size() && cue.size() < MAX_CUE_WORDS; i += 2) {
            cue.add(words.get(i));
        }
        if (cue.size() < 2) {
            cue.add(words.get(1));
        }
        return String.join(" ", cue);
    }

    private static List<String> contentWords(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            String word = w.replaceAll("^'+|'+$", "");
            if (word.length() >= 3 && !STOPWORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    private static String sha256(String id) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
