package dev.moat.chat.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.chat.ChatReply;
import dev.moat.chat.ChatService;
import dev.moat.chat.ForeignApiCall;
import dev.moat.chat.ServerSentEvents;
import dev.moat.problem.ProblemException;
import dev.moat.provider.ProviderRouter;
import dev.moat.security.CallerContext;
import dev.moat.user.Owner;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Anthropic's Messages API in front of Moat's memory: an app on Anthropic's SDK gets memory by pointing its base URL
 * at Moat. {@code metadata.user_id} (or the X-Moat-User header) names the user; {@code model} names a provider as on
 * the OpenAI-compatible API: {@code offline}, {@code <provider>} or {@code <provider>/<model>}. The key comes as
 * {@code x-api-key}, as the SDK sends it, or as a bearer token.
 */
@Path("/v1/messages")
public class MessagesResource {

    private static final String END_TURN = "end_turn";

    private final ChatService chat;
    private final ObjectMapper json;
    private final CallerContext caller;

    public MessagesResource(ChatService chat, ObjectMapper json, CallerContext caller) {
        this.chat = chat;
        this.json = json;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public Response create(@NotNull @Valid MessagesRequest body, @HeaderParam("X-Moat-User") String headerUser) {
        String named = body.metadata() == null ? null : body.metadata().userId();
        Owner owner = ForeignApiCall.owner(caller.get(), named, headerUser, "'metadata.user_id'");
        ForeignApiCall.Target target = ForeignApiCall.Target.of(body.model());
        // the system text is a field of its own here, never a message
        ForeignApiCall.Conversation said = ForeignApiCall.Conversation.of(
                body.messages().stream()
                        .map(m -> new ForeignApiCall.Said(m.role(), m.text()))
                        .toList(),
                Set.of(),
                "use user or assistant, and 'system' for the system text");
        var tuning = new ProviderRouter.Tuning(body.temperature(), body.maxTokens());
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        // Bad requests fail here, with their status; once streaming, failures travel in the stream.
        ChatService.Turn turn =
                chat.begin(owner, target.provider(), target.model(), said.history(), body.systemText(), said.message());
        if (!Boolean.TRUE.equals(body.stream())) {
            ChatReply reply = chat.answer(turn, tuning, null);
            return Response.ok(message(id, reply), MediaType.APPLICATION_JSON).build();
        }
        StreamingOutput stream = out -> {
            send(
                    out,
                    "message_start",
                    new MessagesResponse.MessageStart(
                            "message_start",
                            new MessagesResponse.Message(
                                    id,
                                    "message",
                                    "assistant",
                                    target.name(),
                                    List.of(),
                                    null,
                                    null,
                                    new MessagesResponse.Usage(0, 0))));
            send(
                    out,
                    "content_block_start",
                    new MessagesResponse.BlockStart("content_block_start", 0, MessagesResponse.TextBlock.of("")));
            send(out, "ping", new MessagesResponse.Marker("ping", null));
            try {
                ChatReply reply = chat.answer(
                        turn,
                        tuning,
                        token -> send(
                                out,
                                "content_block_delta",
                                new MessagesResponse.BlockDelta(
                                        "content_block_delta",
                                        0,
                                        new MessagesResponse.TextDelta("text_delta", token))));
                send(out, "content_block_stop", new MessagesResponse.Marker("content_block_stop", 0));
                send(
                        out,
                        "message_delta",
                        new MessagesResponse.MessageDelta(
                                "message_delta", new MessagesResponse.StopDelta(END_TURN, null), usage(reply)));
                send(out, "message_stop", new MessagesResponse.Marker("message_stop", null));
            } catch (ProblemException e) {
                send(
                        out,
                        "error",
                        new MessagesResponse.Error(
                                "error", new MessagesResponse.ErrorBody(errorType(e.status()), e.getMessage())));
            }
        };
        return Response.ok(stream, MediaType.SERVER_SENT_EVENTS)
                .header("Cache-Control", "no-cache")
                .build();
    }

    private static MessagesResponse.Message message(String id, ChatReply reply) {
        return new MessagesResponse.Message(
                id,
                "message",
                "assistant",
                reply.provider() + "/" + reply.model(),
                List.of(MessagesResponse.TextBlock.of(reply.reply())),
                END_TURN,
                null,
                usage(reply));
    }

    private static MessagesResponse.Usage usage(ChatReply reply) {
        return new MessagesResponse.Usage(
                reply.usage().inputTokens(), reply.usage().outputTokens());
    }

    /** Anthropic's error type for a status, as its SDK expects in a stream's error event. */
    static String errorType(int status) {
        return switch (status) {
            case 400, 409, 413, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    private void send(OutputStream out, String event, Object data) {
        try {
            ServerSentEvents.send(out, event, json.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event", e);
        }
    }
}
