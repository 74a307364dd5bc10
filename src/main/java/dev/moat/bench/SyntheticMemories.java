package dev.moat.bench;

import dev.moat.memory.MemoryService;
import dev.moat.memory.NewMemory;
import dev.moat.user.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Made-up diary sentences and questions about them, the same for the same seed: a corpus of any size. */
final class SyntheticMemories {

    private static final List<String> PEOPLE = List.of(
            "Anna",
            "Ben",
            "Chloe",
            "Dev",
            "Elena",
            "Farid",
            "Grace",
            "Hiro",
            "Ines",
            "Jonas",
            "Kemi",
            "Luca",
            "Maya",
            "Nikolai",
            "Olivia",
            "Priya",
            "Quentin",
            "Rosa",
            "Sami",
            "Tara",
            "my sister",
            "my neighbour",
            "my manager",
            "my dad",
            "my mum",
            "an old friend",
            "the kids",
            "my cousin");
    private static final List<String> ACTIVITIES = List.of(
            "went hiking",
            "baked bread",
            "painted a sunrise",
            "played chess",
            "went to a concert",
            "ran a 10k",
            "visited a museum",
            "planted tomatoes",
            "learned the guitar",
            "fixed the bike",
            "watched a film",
            "went kayaking",
            "cooked a curry",
            "read a novel",
            "went to a pottery class",
            "adopted a puppy",
            "volunteered at the shelter",
            "started a podcast",
            "went camping",
            "took a photography course",
            "joined a book club",
            "went to a job interview",
            "moved to a new flat",
            "signed up for yoga");
    private static final List<String> PLACES = List.of(
            "near the lake",
            "in the city centre",
            "at the community centre",
            "by the beach",
            "in the mountains",
            "at the library",
            "in the park",
            "at home",
            "at the office",
            "downtown",
            "in Lisbon",
            "in Kyoto",
            "in Toronto",
            "at the farmers market",
            "on the river",
            "at school");
    private static final List<String> TIMES = List.of(
            "last weekend",
            "yesterday",
            "on Monday",
            "this morning",
            "last month",
            "in the spring",
            "over the holidays",
            "after work",
            "on my birthday",
            "two weeks ago");
    private static final List<String> FEELINGS = List.of(
            "and it was wonderful",
            "and I felt exhausted",
            "and it made me think about my goals",
            "and we laughed a lot",
            "and I want to do it again",
            "though it rained the whole time",
            "and I was nervous at first",
            "and it reminded me of my childhood");

    private static final int INGEST_BATCH = 500;

    private final Random random;

    SyntheticMemories(long seed) {
        this.random = new Random(seed);
    }

    /** Adds size memories to the owner through the service, an hour apart from 2024-01-01, reporting progress. */
    void ingest(MemoryService memories, Owner owner, int size) {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int from = 0; from < size; from += INGEST_BATCH) {
            List<NewMemory> batch = new ArrayList<>();
            for (int i = from; i < Math.min(size, from + INGEST_BATCH); i++) {
                batch.add(new NewMemory(memory(), null, start.plus(Duration.ofHours(i)), null, null));
            }
            memories.addAll(owner, batch);
            System.err.printf(Locale.ROOT, "  %d/%d memories ingested%n", from + batch.size(), size);
        }
    }

    String memory() {
        return sentence().text();
    }

    /** A diary sentence and the phrases it is made of (activity, person, place, time, feeling). */
    Sentence sentence() {
        List<String> parts = List.of(pick(ACTIVITIES), pick(PEOPLE), pick(PLACES), pick(TIMES), pick(FEELINGS));
        String text = "I " + parts.get(0) + " with " + parts.get(1) + " " + parts.get(2) + " " + parts.get(3) + " "
                + parts.get(4) + ".";
        return new Sentence(text, parts);
    }

    record Sentence(String text, List<String> parts) {}

    String question() {
        return switch (random.nextInt(3)) {
            case 0 -> "When did I " + base(pick(ACTIVITIES)) + " with " + pick(PEOPLE) + "?";
            case 1 -> "Who did I " + base(pick(ACTIVITIES)) + " with " + pick(PLACES) + "?";
            default -> "What did I do " + pick(PLACES) + " " + pick(TIMES) + "?";
        };
    }

    private static String base(String activity) {
        return activity.replaceFirst("^went", "go").replaceFirst("^ran", "run").replaceFirst("ed ", " ");
    }

    private String pick(List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
