package dev.moat.portability;

import dev.moat.problem.ProblemException;

/** An import document that cannot be read as its format: 400, naming the first bad path. Nothing is imported. */
public class InvalidImportException extends ProblemException {

    public InvalidImportException(String detail) {
        super(400, "Invalid import document", detail);
    }
}
