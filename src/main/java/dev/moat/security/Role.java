package dev.moat.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.moat.problem.ProblemException;
import java.util.Locale;

/** What a key may do: {@code admin} every user of its tenant and its keys; {@code user} exactly one user. */
public enum Role {
    ADMIN,
    USER;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role of(String id) {
        for (Role r : values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw ProblemException.badRequest("role must be admin or user, got '" + id + "'");
    }
}
