package dev.moat.memory;

/** Sizes the API accepts; larger input gets 400 (or 413 past quarkus.http.limits.max-body-size). README lists them. */
public final class MemoryLimits {

    /** Characters of one memory's text. */
    public static final int MAX_TEXT_CHARS = 32_000;
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

    private MemoryLimits() {}
}
