package dev.moat.chat;

import dev.moat.problem.ProblemException;

/** No such session for this user, whether it never existed or belongs to someone else. */
public final class SessionNotFoundException extends ProblemException {

    public SessionNotFoundException(String userId, String sessionId) {
        super(
                404,
                "Session not found",
                "User '" + userId + "' has no session '" + sessionId + "'; leave sessionId out to start a new one.");
    }
}
