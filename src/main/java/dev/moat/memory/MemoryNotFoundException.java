package dev.moat.memory;

import dev.moat.problem.ProblemException;

/** No such memory for this user; the same answer whether it never existed or belongs to someone else. */
public final class MemoryNotFoundException extends ProblemException {

    public MemoryNotFoundException(String userId, String memoryId) {
        super(404, "Memory not found", "User '" + userId + "' has no memory '" + memoryId + "'.");
    }
}
