package dev.moat.memory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a memory is: a message the user sent, a fact, a preference, or a free note. */
public enum MemoryKind {
    MESSAGE,
    FACT,
    PREFERENCE,
    NOTE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MemoryKind of(String value) {
        for (MemoryKind kind : values()) {
            if (kind.id().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + value + "'; expected one of " + allowed());
    }

    /** The kinds' ids, comma-separated: "message, fact, preference, note". */
    public static String allowed() {
        return Arrays.stream(values()).map(MemoryKind::id).collect(Collectors.joining(", "));
    }
}
