package dev.moat.memory;

/**
 * Sizes the API accepts; larger input gets 400 (or 413 past quarkus.http.limits.max-body-size). docs/API.md lists
 * them.
 */
public final class MemoryLimits {

    /** Characters of one memory's text. */
    public static final int MAX_TEXT_CHARS = 32_000;

    /**
     * Characters of a memory's context kept (the rest cut at a word): the encoders read 512 tokens of the text and
     * its context together, so a longer context would only crowd out the memory's own words.
     */
    public static final int MAX_CONTEXT_CHARS = 1_000;
    /** Memories in one batch request. */
    public static final int MAX_BATCH = 1_000;
    /** Bytes of one memory's metadata, written as JSON. */
    public static final int MAX_METADATA_BYTES = 16_384;
    /** Characters of a session id. */
    public static final int MAX_SESSION_ID_CHARS = 128;
    /** Source messages one memory's provenance may name. */
    public static final int MAX_SOURCES = 100;
    /** Characters of a search query. */
    public static final int MAX_QUERY_CHARS = 4_096;
    /** Hits one search may ask for. */
    public static final int MAX_K = 100;
    /** Memories one page of a listing may hold. */
    public static final int MAX_PAGE = 200;

    /** Memories in a page when the caller names no limit (the REST API's @DefaultValue says the same). */
    public static final int DEFAULT_PAGE = 50;

    private MemoryLimits() {}

    /** A memory's context cut to MAX_CONTEXT_CHARS, at a space in its second half when there is one; blank is null. */
    public static String clipContext(String context) {
        if (context == null || context.isBlank()) {
            return null;
        }
        String c = context.strip();
        if (c.length() <= MAX_CONTEXT_CHARS) {
            return c;
        }
        int space = c.lastIndexOf(' ', MAX_CONTEXT_CHARS);
        return c.substring(0, space > MAX_CONTEXT_CHARS / 2 ? space : MAX_CONTEXT_CHARS);
    }
}
