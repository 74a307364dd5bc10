package dev.moat.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny conversation in the LoCoMo format, written by this project for its tests (no LoCoMo data): two sessions,
 * questions of several categories, and the malformed evidence forms the real files contain.
 */
public final class LocomoFixture {

    private LocomoFixture() {}

    public static Map<String, Object> conversation() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("speaker_a", "Ada");
        c.put("speaker_b", "Bo");
        c.put("session_1_date_time", "1:56 pm on 8 May, 2023");
        c.put(
                "session_1",
                List.of(
                        turn("Ada", "D1:1", "I finally adopted a cat from the shelter, her name is Pixel.", null),
                        turn("Bo", "D1:2", "That is lovely! What colour is she?", null),
                        turn("Ada", "D1:3", "She is grey with white paws.", "a grey cat sleeping on a sofa")));
        c.put("session_2_date_time", "10:05 AM on 20 June, 2023");
        c.put(
                "session_2",
                List.of(
                        turn("Bo", "D2:1", "I started learning the cello last week.", null),
                        turn("Ada", "D2:2", "Cello is hard, good luck with the bow technique.", null),
                        turn("Bo", "D2:3", "My teacher lives in Lisbon, we meet online.", null)));
        c.put("session_3_date_time", "9:00 am on 1 July, 2023");
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("sample_id", "fixture-1");
        sample.put("conversation", c);
        sample.put(
                "qa",
                List.of(
                        qa("What is the name of Ada's cat?", List.of("D1:1"), 1),
                        qa("What colour is Pixel?", List.of("D:1:3"), 4),
                        qa("Which instrument did Bo start learning?", List.of("D2:01; D2:2"), 2),
                        qa("Where does Bo's teacher live?", List.of("D2:3", "D9:99"), 4),
                        qa("What is Ada's favourite planet?", List.of(), 5)));
        return sample;
    }

    public static Path write(Path dir, ObjectMapper json) throws IOException {
        Path file = dir.resolve("fixture.json");
        json.writeValue(file.toFile(), conversation());
        return file;
    }

    private static Map<String, Object> turn(String speaker, String id, String text, String caption) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("speaker", speaker);
        t.put("dia_id", id);
        t.put("text", text);
        if (caption != null) {
            t.put("blip_caption", caption);
        }
        return t;
    }

    private static Map<String, Object> qa(String question, List<String> evidence, int category) {
        return Map.of("question", question, "answer", "x", "evidence", evidence, "category", category);
    }
}
