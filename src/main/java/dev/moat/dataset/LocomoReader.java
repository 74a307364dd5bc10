package dev.moat.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads LoCoMo-format conversations: a file holds one conversation (its fields at the top level or under
 * {@code conversation}) or an array of them. Session dates such as "1:56 pm on 8 May, 2023" are read as UTC.
 */
public final class LocomoReader {

    private static final Pattern SESSION = Pattern.compile("session_(\\d+)");
    private static final Pattern EVIDENCE = Pattern.compile("D:?(\\d+):0*(\\d+)");
    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("h:mm a 'on' d MMMM, yyyy")
            .toFormatter(Locale.ENGLISH);

    private final ObjectMapper json;

    public LocomoReader(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Every conversation of every {@code .json} (LoCoMo) and {@code .jsonl} (Moat's format, docs/EXPERIMENTS.md) file
     * in the folder, or of the one file, in file-name order; a BEAM chat folder, or a folder of them, is read by
     * {@link BeamReader}.
     */
    public List<Conversation> read(Path path) {
        if (!Files.exists(path)) {
            throw new DatasetException("data set not found: " + path);
        }
        if (BeamReader.isBeam(path)) {
            return new BeamReader(json).read(path);
        }
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> list = Files.list(path)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".json")
                                || p.getFileName().toString().endsWith(".jsonl"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new DatasetException("cannot list " + path + ": " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new DatasetException("no .json or .jsonl file in " + path);
            }
        } else {
            files = List.of(path);
        }
        List<Conversation> conversations = new ArrayList<>();
        for (Path file : files) {
            conversations.addAll(
                    file.getFileName().toString().endsWith(".jsonl")
                            ? new JsonlReader(json).read(file)
                            : readFile(file));
        }
        return conversations;
    }

    private List<Conversation> readFile(Path file) {
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (IOException e) {
            throw new DatasetException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        List<Conversation> out = new ArrayList<>();
        if (root != null && root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                out.add(conversation(root.get(i), stem + "-" + i, file + "[" + i + "]"));
            }
        } else if (root != null && root.isObject()) {
            out.add(conversation(root, stem, file.toString()));
        } else {
            throw new DatasetException(file + ": expected a LoCoMo conversation object or an array of them");
        }
        return out;
    }

    private Conversation conversation(JsonNode sample, String fallbackId, String where) {
        JsonNode conv = sample.has("conversation") ? sample.get("conversation") : sample;
        String id = sample.hasNonNull("sample_id") ? sample.get("sample_id").asText() : fallbackId;
        Map<Integer, JsonNode> sessions = new TreeMap<>();
        conv.fields().forEachRemaining(f -> {
            Matcher m = SESSION.matcher(f.getKey());
            if (m.matches() && f.getValue().isArray()) {
                sessions.put(Integer.parseInt(m.group(1)), f.getValue());
            }
        });
        if (sessions.isEmpty()) {
            throw new DatasetException(where + ": no session_N lists of turns; is this a LoCoMo file?");
        }
        List<Conversation.Turn> turns = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (var session : sessions.entrySet()) {
            String dateKey = "session_" + session.getKey() + "_date_time";
            var at = date(conv.path(dateKey).asText(null), where + " " + dateKey);
            for (JsonNode t : session.getValue()) {
                String diaId = required(t, "dia_id", where);
                String caption =
                        t.hasNonNull("blip_caption") ? t.get("blip_caption").asText() : null;
                turns.add(new Conversation.Turn(
                        normalizeId(diaId),
                        session.getKey(),
                        at,
                        required(t, "speaker", where),
                        required(t, "text", where),
                        caption));
                ids.add(normalizeId(diaId));
            }
        }
        List<Conversation.Question> questions = new ArrayList<>();
        for (JsonNode q : sample.path("qa")) {
            List<String> evidence = new ArrayList<>();
            int unknown = 0;
            for (JsonNode e : q.path("evidence")) {
                for (String part : e.asText().split("[;,\\s]+")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    String normalized = normalizeId(part);
                    if (ids.contains(normalized) && !evidence.contains(normalized)) {
                        evidence.add(normalized);
                    } else if (!ids.contains(normalized)) {
                        unknown++;
                    }
                }
            }
            questions.add(new Conversation.Question(
                    required(q, "question", where), q.path("category").asText("0"), evidence, unknown));
        }
        return new Conversation(id, turns, questions);
    }

    /** D:11:26 and D30:05 become D11:26 and D30:5; anything else is returned as it is. */
    static String normalizeId(String raw) {
        Matcher m = EVIDENCE.matcher(raw.trim());
        return m.matches() ? "D" + Integer.parseInt(m.group(1)) + ":" + Integer.parseInt(m.group(2)) : raw.trim();
    }

    private static java.time.Instant date(String text, String where) {
        if (text == null) {
            throw new DatasetException(where + " is missing");
        }
        try {
            return LocalDateTime.parse(text.trim(), DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new DatasetException(where + ": '" + text + "' is not a date like '1:56 pm on 8 May, 2023'");
        }
    }

    private static String required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new DatasetException(where + ": an entry has no '" + field + "'");
        }
        return v.asText();
    }
}
