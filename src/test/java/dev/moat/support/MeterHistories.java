package dev.moat.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A history to measure: messages in sessions, facts drawn from some of them, and notes told directly. */
public final class MeterHistories {

    public static final List<String> MESSAGES = List.of(
            "I adopted a grey cat named Pixel last spring",
            "My sister Ingrid lives in Trondheim with her twins",
            "I am training for the Berlin marathon in September",
            "Our kitchen renovation uses oak cabinets and slate tiles",
            "I play cello in a community orchestra on Thursdays",
            "My daughter starts kindergarten at Maple Grove school",
            "I switched to a vegetarian diet after a documentary",
            "The garden has three apple trees and a fig tree",
            "I drive an electric hatchback charged at the office",
            "My favourite author writes Icelandic crime novels",
            "We are planning a canal boat holiday in Burgundy",
            "I collect vintage fountain pens from flea markets");
    public static final List<String> NOTES = List.of(
            "Allergic to penicillin according to the clinic",
            "Prefers replies written in British spelling",
            "Dentist appointment booked for the tenth of March",
            "Wants reminders about quarterly tax payments");

    private MeterHistories() {}

    /**
     * Adds the first {@code messages} messages (three a session, a day apart) and, for every third message, a fact
     * drawn from it; a note after every third message too. Returns the ids by text.
     */
    public static Map<String, String> add(String user, int messages) {
        Map<String, String> ids = new HashMap<>();
        Instant day = Instant.parse("2024-01-01T09:00:00Z");
        List<String> notes = new ArrayList<>(NOTES);
        for (int i = 0; i < messages; i++) {
            String text = MESSAGES.get(i);
            String at = day.plus(i, ChronoUnit.DAYS).toString();
            String id = MemoriesApi.add(
                    user, Map.of("text", text, "kind", "message", "occurredAt", at, "sessionId", "s" + (i / 3)));
            ids.put(text, id);
            if (i % 3 == 2) {
                String fact = "Fact drawn from a message: " + text.toLowerCase(Locale.ROOT);
                ids.put(
                        fact,
                        MemoriesApi.add(
                                user,
                                Map.of(
                                        "text",
                                        fact,
                                        "kind",
                                        "fact",
                                        "occurredAt",
                                        at,
                                        "provenance",
                                        Map.of("sources", List.of(id), "provider", "offline", "model", "extractor"))));
                String note = notes.remove(0);
                ids.put(note, MemoriesApi.add(user, Map.of("text", note, "kind", "note", "occurredAt", at)));
            }
        }
        return ids;
    }
}
