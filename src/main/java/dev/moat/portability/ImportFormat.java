package dev.moat.portability;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The documents an import reads: Moat's passport, or another service's data export. */
public enum ImportFormat {
    /** Moat's own export (docs/passport.schema.json). */
    PASSPORT("schema/passport.schema.json"),
    /** ChatGPT's data export: conversations.json, each conversation's messages in a {@code mapping} tree. */
    CHATGPT("schema/chatgpt-export.schema.json"),
    /** Claude's data export: conversations.json, each conversation with its {@code chat_messages}. */
    CLAUDE("schema/claude-export.schema.json"),
    /** mem0's memories: what its get_all and list API return, or the add requests Moat's mem0 export writes. */
    MEM0("schema/mem0-memories.schema.json"),
    /** Letta's Agent File (.af): agents with their memory blocks and messages. */
    LETTA("schema/letta-agent-file.schema.json");

    private final String schema;

    ImportFormat(String schema) {
        this.schema = schema;
    }

    String schema() {
        return schema;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named, case-insensitively; refused with the list of formats otherwise. */
    public static ImportFormat of(String name) {
        for (ImportFormat f : values()) {
            if (f.id().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new InvalidImportException("unknown format '" + name + "'; expected one of "
                + Arrays.stream(values()).map(ImportFormat::id).collect(Collectors.joining(", ")));
    }
}
