package dev.moat.dataset;

/** A data set that is missing or not in the expected format; the message names the file and what is wrong. */
public final class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
