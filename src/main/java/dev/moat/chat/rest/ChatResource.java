package dev.moat.chat.rest;

import dev.moat.chat.ChatReply;
import dev.moat.chat.ChatService;
import dev.moat.chat.ChatTurnRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Chat with memory: each message is remembered and answered with the user's relevant memories. */
@Path("/v1/chat")
public class ChatResource {

    private final ChatService chat;

    public ChatResource(ChatService chat) {
        this.chat = chat;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ChatReply chat(@NotNull @Valid ChatTurnRequest body) {
        return chat.chat(body);
    }
}
