package dev.moat.index;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The index could not be read or written; the database still holds every memory. */
public final class IndexException extends UncheckedIOException {

    public IndexException(String message, IOException cause) {
        super(message, cause);
    }
}
