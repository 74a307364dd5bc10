package dev.moat.chat.rest;

import dev.moat.chat.ChatSession;
import dev.moat.chat.ChatStore;
import dev.moat.chat.SessionNotFoundException;
import dev.moat.chat.TranscriptMessage;
import dev.moat.security.CallerContext;
import dev.moat.user.Owner;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** A user's chat sessions and their transcripts. */
@Path("/v1/users/{userId}/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final int MAX_SESSIONS = 200;

    private final ChatStore store;

    private final CallerContext caller;

    public SessionResource(ChatStore store, CallerContext caller) {
        this.store = store;
        this.caller = caller;
    }

    /** A session without its messages. */
    public record SessionSummary(String id, Instant createdAt, Instant updatedAt) {}

    /** The user's sessions, most recently active first. */
    public record SessionList(List<SessionSummary> sessions) {}

    /** One turn of a transcript. */
    public record Turn(String role, String text, String provider, String model, String memoryId, Instant at) {}

    /** A session with its transcript, oldest turn first. */
    public record Transcript(String id, Instant createdAt, Instant updatedAt, List<Turn> messages) {}

    @GET
    public SessionList list(@PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId) {
        return new SessionList(store.sessions(caller.get().owner(userId), MAX_SESSIONS).stream()
                .map(s -> new SessionSummary(s.id, s.createdAt, s.updatedAt))
                .toList());
    }

    @GET
    @Path("/{sessionId}")
    public Transcript get(
            @PathParam("userId") @Pattern(regexp = Owner.USER_ID_PATTERN) String userId,
            @PathParam("sessionId") String sessionId) {
        ChatSession s = store.find(caller.get().owner(userId), sessionId)
                .orElseThrow(() -> new SessionNotFoundException(userId, sessionId));
        List<Turn> turns = store.transcript(s.id).stream()
                .map(m -> new Turn(
                        m.role == TranscriptMessage.Role.USER ? "user" : "assistant",
                        m.text,
                        m.provider,
                        m.model,
                        m.memoryId,
                        m.at))
                .toList();
        return new Transcript(s.id, s.createdAt, s.updatedAt, turns);
    }
}
