package dev.moat.cli;

/** A command failed for a reason the user can fix; printed as one line, without a stack trace. */
public final class CommandException extends RuntimeException {

    private final int exitCode;

    public CommandException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public CommandException(String message) {
        this(message, 2);
    }

    public int exitCode() {
        return exitCode;
    }
}
