package dev.moat.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random input an attacker or a careless client sends: any Unicode, control characters, emoji, Lucene syntax, path
 * traversal, injection strings, numbers out of range, huge and empty strings, JSON of the wrong shape, and objects
 * with a key twice. Everything comes from one seeded {@link Random}, so a seed repeats a run.
 */
public final class HostileInput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KNOWN = List.of(
            "",
            " ",
            "alice",
            "bob",
            "title:(a OR b)~2^3",
            "text:*",
            "*",
            "?",
            "\\",
            "\"",
            "[a TO z]",
            "a AND OR NOT",
            "/regex.*/",
            "+-&&||!(){}[]^\"~*?:\\/",
            "../../etc/passwd",
            "..",
            ".",
            "%2e%2e%2f",
            "..%2F..%2F..%2Fetc%2Fpasswd",
            "/etc/passwd",
            "C:\\Windows\\win.ini",
            "' OR '1'='1",
            "'; DROP TABLE memory; --",
            "${jndi:ldap://x/a}",
            "<script>alert(1)</script>",
            "null",
            "NaN",
            "-1",
            "0",
            "99999999999999999999",
            "1e309",
            "2024-13-45T99:99:99Z",
            "offline",
            "admin",
            "user",
            "passport",
            "chatgpt",
            "mem0",
            "letta",
            "digest",
            "jsonl",
            "chat-assistant",
            "memory-service",
            "none,passport",
            "none,digest,mem0",
            "\u0000",
            "\r\nX-Injected: 1");
    private static final String CONTROL = "\u0000\u0001\u001b\u007f\t\n\r\u2028\u202e\ufffe";
    private static final String[] EMOJI = {"😀", "🔥", "👩‍👧", "e\u0301", "🏳️‍🌈", "ß", "İ"};
    private static final List<String> RAW = List.of(
            "",
            "{",
            "[1, 2",
            "null",
            "\"text\"",
            "123",
            "{\"text\": }",
            "[[[[[[[[[[[[]]]]]]]]]]]]",
            "{\"text\": \"a\"}\n{\"text\": \"b\"}",
            "{\"k\": 1e999, \"text\": -1e999, \"query\": 1e999}",
            "\uFEFF{\"text\": \"bom\"}");

    private final Random random;
    private final List<String> extra;

    /** {@code extra}: strings of the system under test worth trying too (its users' secrets, say). */
    public HostileInput(Random random, List<String> extra) {
        this.random = random;
        this.extra = extra;
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** A hostile string; one in twenty is 9,000 to 70,000 characters long. */
    public String string() {
        return switch (random.nextInt(20)) {
            case 0 -> repeat("ab \u00e9😀", 9_000 + random.nextInt(61_000));
            case 1, 2, 3, 4 -> anyUnicode(random.nextInt(41));
            case 5, 6 -> repeat(CONTROL, random.nextInt(13));
            case 7, 8 -> emoji(1 + random.nextInt(30));
            case 9 -> extra.isEmpty() ? "" : pick(extra);
            default -> pick(KNOWN);
        };
    }

    /**
     * A hostile string of at most 100 code points, for a URL: a URL past Vert.x's 4,096-character request line gets
     * 414, but one of hundreds of kilobytes is still being sent when the server answers and closes, so the client
     * sees the connection reset instead of the answer.
     */
    public String shortString() {
        String s = string();
        return s.codePointCount(0, s.length()) <= 100 ? s : s.substring(0, s.offsetByCodePoints(0, 100));
    }

    /** A JSON value of any type: a hostile string, an extreme number, a boolean, null, an array or an object. */
    public Object value() {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> string();
            case 3 -> pick(List.<Object>of(0, -1, 1, 3, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE));
            case 4 -> pick(List.<Object>of(Double.MAX_VALUE, -0.5, 3.7, 1e-300));
            case 5 -> random.nextBoolean();
            case 6 -> null;
            default -> chance(0.5) ? List.of(string(), string()) : Map.of(nonEmpty(string()), string());
        };
    }

    /**
     * A request body for an endpoint that reads {@code fields}: raw text, an object with a key twice, an array of
     * objects, or (mostly) one object with those fields set to random values. {@code user} is the user the request
     * is about, put in the fields that name a user half of the time.
     */
    public String body(List<String> fields, String user) {
        try {
            return switch (random.nextInt(7)) {
                case 0 -> chance(0.5) ? pick(RAW) : string();
                case 1 -> {
                    String f = fields.isEmpty() ? "text" : fields.get(0);
                    yield "{\"" + f + "\": \"first\", \"" + f + "\": " + JSON.writeValueAsString(value()) + "}";
                }
                case 2 -> {
                    List<Object> items = new ArrayList<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        items.add(object(fields, user));
                    }
                    yield JSON.writeValueAsString(items);
                }
                default -> JSON.writeValueAsString(object(fields, user));
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> object(List<String> fields, String user) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (String field : fields) {
            if (chance(0.2)) {
                continue; // a field left out
            }
            Object v = value();
            if ((field.equals("userId") || field.equals("user")) && chance(0.5)) {
                v = user;
            } else if (field.equals("metadata") && chance(0.5)) {
                v = Map.of("user_id", user); // Anthropic's Messages API names its user here
            } else if (field.equals("messages") && v instanceof String s) {
                v = List.of(Map.of("role", "user", "content", s));
            }
            o.put(field, v);
        }
        return o;
    }

    private String anyUnicode(int length) {
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            int cp = chance(0.5) ? random.nextInt(0x80) : random.nextInt(Character.MAX_CODE_POINT + 1);
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                s.appendCodePoint(cp);
            }
        }
        return s.toString();
    }

    private String repeat(String alphabet, int length) {
        int[] cps = alphabet.codePoints().toArray();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(cps[random.nextInt(cps.length)]);
        }
        return s.toString();
    }

    private String emoji(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(EMOJI[random.nextInt(EMOJI.length)]);
        }
        return s.toString();
    }

    private static String nonEmpty(String s) {
        return s.isEmpty() ? "k" : s;
    }
}
