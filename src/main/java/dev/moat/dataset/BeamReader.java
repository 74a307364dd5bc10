package dev.moat.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads BEAM chats as their authors publish them: a folder {@code <i>/} with {@code chat.json} (sessions of turns of
 * user and assistant messages) and {@code probing_questions/probing_questions.json} (questions by category, their
 * evidence the message ids in {@code source_chat_ids}). Each message becomes a turn: the user's as they wrote it
 * (without the trailing {@code ->-> 1,2} turn marker), the assistant's as {@code assistant: text}. A message is dated
 * by the last {@code time_anchor} ("March-15-2024") seen so far, a minute after the one before it, so the order holds.
 */
public final class BeamReader {

    /** The date a chat starts from when its first messages carry no anchor. */
    static final Instant NO_ANCHOR = Instant.parse("2024-01-01T09:00:00Z");

    private static final Pattern TURN_MARKER = Pattern.compile("\\s*->->\\s*[\\d,\\s]*$");
    private static final DateTimeFormatter ANCHOR = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("MMMM-d-yyyy")
            .toFormatter(Locale.ENGLISH);

    private final ObjectMapper json;

    public BeamReader(ObjectMapper json) {
        this.json = json;
    }

    /** True for a BEAM chat folder, or a folder of them. */
    public static boolean isBeam(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        if (Files.isRegularFile(path.resolve("chat.json"))) {
            return true;
        }
        try (Stream<Path> children = Files.list(path)) {
            return children.anyMatch(c -> Files.isRegularFile(c.resolve("chat.json")));
        } catch (IOException e) {
            return false;
        }
    }

    /** The chat of the folder, or every chat folder in it, in numeric order of their names. */
    public List<Conversation> read(Path path) {
        if (Files.isRegularFile(path.resolve("chat.json"))) {
            return List.of(chat(path));
        }
        List<Path> chats;
        try (Stream<Path> children = Files.list(path)) {
            chats = children.filter(c -> Files.isRegularFile(c.resolve("chat.json")))
                    .sorted(Comparator.comparing(BeamReader::numericName)
                            .thenComparing(c -> c.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + path + ": " + e.getMessage(), e);
        }
        return chats.stream().map(this::chat).toList();
    }

    private static long numericName(Path p) {
        String name = p.getFileName().toString();
        return name.matches("\\d{1,18}") ? Long.parseLong(name) : Long.MAX_VALUE;
    }

    private Conversation chat(Path folder) {
        String id = "beam-" + folder.getFileName();
        JsonNode sessions = tree(folder.resolve("chat.json"));
        if (!sessions.isArray()) {
            throw new DatasetException(folder.resolve("chat.json") + ": expected an array of sessions");
        }
        List<Conversation.Turn> turns = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        Instant day = NO_ANCHOR;
        int sinceAnchor = 0;
        for (int s = 0; s < sessions.size(); s++) {
            JsonNode session = sessions.get(s);
            String where = folder.resolve("chat.json") + "[" + s + "]";
            int number = session.path("batch_number").asInt(s + 1);
            if (session.hasNonNull("time_anchor")) {
                day = anchor(session.get("time_anchor").asText(), where);
                sinceAnchor = 0;
            }
            for (JsonNode turn : session.path("turns")) {
                for (JsonNode message : turn.isArray() ? turn : List.of(turn)) {
                    String at = where + " message " + message.path("id").asText("?");
                    if (message.hasNonNull("time_anchor")) {
                        day = anchor(message.get("time_anchor").asText(), at);
                        sinceAnchor = 0;
                    }
                    String messageId = text(message, "id", at);
                    String role = text(message, "role", at);
                    if (!role.equals("user") && !role.equals("assistant")) {
                        throw new DatasetException(at + ": role must be user or assistant, got '" + role + "'");
                    }
                    String content =
                            TURN_MARKER.matcher(text(message, "content", at)).replaceAll("");
                    if (!ids.add(messageId)) {
                        throw new DatasetException(at + ": message id '" + messageId + "' is not unique");
                    }
                    turns.add(new Conversation.Turn(
                            messageId,
                            number,
                            day.plus(sinceAnchor++, ChronoUnit.MINUTES),
                            role.equals("user") ? null : "assistant",
                            content,
                            null));
                }
            }
        }
        return new Conversation(id, turns, questions(folder, ids));
    }

    private List<Conversation.Question> questions(Path folder, Set<String> ids) {
        Path file = folder.resolve("probing_questions").resolve("probing_questions.json");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        JsonNode byCategory = tree(file);
        List<Conversation.Question> questions = new ArrayList<>();
        byCategory.fields().forEachRemaining(category -> {
            for (JsonNode q : category.getValue()) {
                List<String> evidence = new ArrayList<>();
                int unknown = 0;
                // a list of ids, or an object of lists (first and second statement, original and updated info)
                for (JsonNode id : flatten(q.path("source_chat_ids"))) {
                    String messageId = id.asText();
                    if (!ids.contains(messageId)) {
                        unknown++;
                    } else if (!evidence.contains(messageId)) {
                        evidence.add(messageId);
                    }
                }
                questions.add(new Conversation.Question(
                        text(q, "question", file + " " + category.getKey()), category.getKey(), evidence, unknown));
            }
        });
        return questions;
    }

    /** The scalar values of a list or of an object of lists, in order. */
    private static List<JsonNode> flatten(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        if (node.isValueNode() && !node.isNull()) {
            values.add(node);
        } else if (node.isContainerNode()) {
            node.elements().forEachRemaining(child -> values.addAll(flatten(child)));
        }
        return values;
    }

    private JsonNode tree(Path file) {
        try {
            return json.readTree(file.toFile());
        } catch (IOException e) {
            throw new DatasetException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Instant anchor(String text, String where) {
        try {
            return LocalDate.parse(text.trim(), ANCHOR).atTime(9, 0).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new DatasetException(where + ": time_anchor '" + text + "' is not a date like 'March-15-2024'");
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            throw new DatasetException(where + ": '" + field + "' is missing");
        }
        return v.asText();
    }
}
