package dev.moat.chat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.moat.problem.ProblemException;
import dev.moat.security.Caller;
import dev.moat.user.Owner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the APIs of other vendors that Moat speaks (OpenAI's chat completions, Anthropic's messages) share: whose
 * memory a call uses, which provider answers it, and the conversation the client sent.
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

    /** One message of a client's conversation, as its API sent it. */
    public record Said(String role, String text) {}

    /** A client's conversation: the system text it carried, the turns before the last, and the last, the user's. */
    public record Conversation(String system, List<ChatMessage> history, String message) {

        /**
         * The messages, in order. The last must be the user's, with text (an assistant's last message, a prefill, is
         * refused); before it, a role of systemRoles adds to the system text, user and assistant are turns, and any
         * other is refused with the roles to use.
         */
        public static Conversation of(List<Said> messages, Set<String> systemRoles, String rolesToUse) {
            Said last = messages.get(messages.size() - 1);
            if (!"user".equals(last.role()) || last.text().isBlank()) {
                throw ProblemException.badRequest(
                        "the last message must be a user message with text (an assistant prefill is not supported)");
            }
            StringBuilder system = new StringBuilder();
            List<ChatMessage> history = new ArrayList<>();
            for (Said m : messages.subList(0, messages.size() - 1)) {
                if (systemRoles.contains(m.role())) {
                    system.append(system.isEmpty() ? "" : "\n").append(m.text());
                } else if ("user".equals(m.role())) {
                    history.add(UserMessage.from(m.text()));
                } else if ("assistant".equals(m.role())) {
                    history.add(AiMessage.from(m.text()));
                } else {
                    throw ProblemException.badRequest(
                            "message role '" + m.role() + "' is not supported; " + rolesToUse);
                }
            }
            return new Conversation(system.toString(), history, last.text());
        }
    }
}
