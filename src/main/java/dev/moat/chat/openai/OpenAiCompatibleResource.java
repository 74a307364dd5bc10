package dev.moat.chat.openai;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * OpenAI's chat completions API in front of Moat's memory: an app on an OpenAI SDK gets memory by pointing its base
 * URL at Moat's /v1. {@code user} (or the X-Moat-User header) names the user; {@code model} names a provider:
 * {@code offline}, {@code <provider>} or {@code <provider>/<model>}.
 */
@Path("/v1/chat/completions")
public class OpenAiCompatibleResource {

    private final ChatService chat;
    private final ObjectMapper json;

    private final CallerContext caller;

    public OpenAiCompatibleResource(ChatService chat, ObjectMapper json, CallerContext caller) {
        this.chat = chat;
        this.json = json;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public Response complete(@NotNull @Valid CompletionRequest body, @HeaderParam("X-Moat-User") String headerUser) {
        Owner owner = ForeignApiCall.owner(caller.get(), body.user(), headerUser, "'user' field");
        ForeignApiCall.Target target = ForeignApiCall.Target.of(body.model());
        String provider = target.provider();
        String model = target.model();
        ForeignApiCall.Conversation said = ForeignApiCall.Conversation.of(
                body.messages().stream()
                        .map(m -> new ForeignApiCall.Said(m.role(), m.text()))
                        .toList(),
                Set.of("system", "developer"),
                "use system, user or assistant");
        var tuning = new ProviderRouter.Tuning(body.temperature(), body.maxTokens());
        String id = "chatcmpl-" + UUID.randomUUID();
        long created = Instant.now().getEpochSecond();
        // Bad requests fail here, with their status; once streaming, failures travel in the stream.
        ChatService.Turn turn = chat.begin(owner, provider, model, said.history(), said.system(), said.message());
        if (!Boolean.TRUE.equals(body.stream())) {
            ChatReply reply = chat.answer(turn, tuning, null);
            return Response.ok(response(id, created, reply), MediaType.APPLICATION_JSON)
                    .build();
        }
        StreamingOutput stream = out -> {
            String modelName = target.name();
            send(out, chunk(id, created, modelName, new CompletionResponse.Message("assistant", ""), null));
            try {
                ChatReply reply = chat.answer(
                        turn,
                        tuning,
                        token -> send(
                                out, chunk(id, created, modelName, new CompletionResponse.Message(null, token), null)));
                send(
                        out,
                        chunk(
                                id,
                                created,
                                reply.provider() + "/" + reply.model(),
                                new CompletionResponse.Message(null, null),
                                "stop"));
            } catch (ProblemException e) {
                send(out, Map.of("error", Map.of("message", e.getMessage(), "code", e.status())));
            }
            ServerSentEvents.send(out, null, "[DONE]");
        };
        return Response.ok(stream, MediaType.SERVER_SENT_EVENTS)
                .header("Cache-Control", "no-cache")
                .build();
    }

    private static CompletionResponse response(String id, long created, ChatReply reply) {
        return new CompletionResponse(
                id,
                "chat.completion",
                created,
                reply.provider() + "/" + reply.model(),
                List.of(new CompletionResponse.Choice(
                        0, new CompletionResponse.Message("assistant", reply.reply()), null, "stop")),
                new CompletionResponse.Usage(
                        reply.usage().inputTokens(),
                        reply.usage().outputTokens(),
                        reply.usage().inputTokens() + reply.usage().outputTokens()));
    }

    private static CompletionResponse chunk(
            String id, long created, String model, CompletionResponse.Message delta, String finish) {
        return new CompletionResponse(
                id,
                "chat.completion.chunk",
                created,
                model,
                List.of(new CompletionResponse.Choice(0, null, delta, finish)),
                null);
    }

    private void send(OutputStream out, Object chunk) {
        try {
            ServerSentEvents.send(out, null, json.writeValueAsString(chunk));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chunk", e);
        }
    }
}
