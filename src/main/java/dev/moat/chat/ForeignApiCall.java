package dev.moat.chat;

import dev.moat.problem.ProblemException;
import dev.moat.security.Caller;
import dev.moat.user.Owner;

/**
 * What the APIs of other vendors that Moat speaks (OpenAI's chat completions, Anthropic's messages) share: whose
 * memory a call uses and which provider answers it.
 */
public final class ForeignApiCall {

    private ForeignApiCall() {}

    /** {@code offline}, {@code <provider>} or {@code <provider>/<model>}: the provider and, when named, its model. */
    public record Target(String provider, String model) {

        public static Target of(String name) {
            String[] parts = name.split("/", 2);
            return new Target(parts[0], parts.length > 1 ? parts[1] : null);
        }

        /** As the client named it. */
        public String name() {
            return model == null ? provider : provider + "/" + model;
        }
    }

    /**
     * The user whose memory the call uses: the one the request names (field, then the X-Moat-User header), else a user
     * key's own; 400 naming where to say it when there is none, 404 (from the caller) when the key may not act for it.
     */
    public static Owner owner(Caller who, String named, String header, String field) {
        String user = named != null && !named.isBlank() ? named : header;
        if ((user == null || user.isBlank()) && who.userId() != null) {
            user = who.userId(); // a user key speaks for its user
        }
        if (user == null || user.isBlank()) {
            throw ProblemException.badRequest(
                    "name the user whose memory to use: the request's " + field + " or the X-Moat-User header");
        }
        try {
            return who.owner(user);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }
}
