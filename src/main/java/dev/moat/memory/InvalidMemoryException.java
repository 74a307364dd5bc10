package dev.moat.memory;

import dev.moat.problem.ProblemException;

/** Input that passed the shape checks but not the service's own (sizes of JSON, ranges). */
public final class InvalidMemoryException extends ProblemException {

    public InvalidMemoryException(String detail) {
        super(400, "Invalid memory request", detail);
    }
}
