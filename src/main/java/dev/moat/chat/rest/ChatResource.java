package dev.moat.chat.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.chat.ChatReply;
import dev.moat.chat.ChatService;
import dev.moat.chat.ChatTurnRequest;
import dev.moat.chat.ServerSentEvents;
import dev.moat.problem.Problem;
import dev.moat.problem.ProblemException;
import dev.moat.provider.ProviderRouter;
import dev.moat.security.CallerContext;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * Chat with memory: each message is remembered and answered with the user's relevant memories. With
 * {@code Accept: text/event-stream} the reply comes as {@code token} events and ends with a {@code done} event
 * carrying the whole reply (provider, memories, usage), or an {@code error} event with a problem document when the
 * providers fail mid-way. Bad requests fail with their 4xx status before any event.
 */
@Path("/v1/chat")
@Consumes(MediaType.APPLICATION_JSON)
public class ChatResource {

    private final ChatService chat;
    private final ObjectMapper json;

    private final CallerContext caller;

    public ChatResource(ChatService chat, ObjectMapper json, CallerContext caller) {
        this.chat = chat;
        this.json = json;
        this.caller = caller;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public ChatReply chat(@NotNull @Valid ChatTurnRequest body) {
        return chat.chat(caller.get().owner(body.userId()), body);
    }

    @POST
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Response stream(@NotNull @Valid ChatTurnRequest body) {
        ChatService.Turn turn = chat.begin(caller.get().owner(body.userId()), body);
        StreamingOutput events = out -> {
            try {
                ChatReply reply = chat.answer(
                        turn, ProviderRouter.Tuning.NONE, token -> ServerSentEvents.send(out, "token", token));
                ServerSentEvents.send(out, "done", write(reply));
            } catch (ProblemException e) {
                ServerSentEvents.send(
                        out, "error", write(Problem.of(e.status(), e.title(), e.getMessage(), "/v1/chat")));
            }
        };
        return Response.ok(events, MediaType.SERVER_SENT_EVENTS)
                .header("Cache-Control", "no-cache")
                .build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event", e);
        }
    }
}
