package dev.moat.memory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Where a page of a listing ended: the last memory's occurredAt and id, as an opaque token. */
public record PageCursor(Instant occurredAt, String id) {

    public String encode() {
        String raw = occurredAt.getEpochSecond() + ":" + occurredAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a token stands for; a token not made by {@link #encode()} is refused with 400. */
    public static PageCursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            return new PageCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
        } catch (RuntimeException e) {
            throw new InvalidMemoryException("cursor '" + token + "' is not one this service gave out; "
                    + "pass the nextCursor of the previous page, or none for the first page");
        }
    }
}
