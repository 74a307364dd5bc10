package dev.moat.provider;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The offline responder's reply, streamed a word at a time. */
public final class OfflineStreamingChatModel implements StreamingChatModel {

    private static final Pattern WORD = Pattern.compile("\\S+\\s*");

    private final OfflineChatModel offline = new OfflineChatModel();

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatResponse response;
        try {
            response = offline.doChat(request);
        } catch (RuntimeException e) {
            handler.onError(e);
            return;
        }
        Matcher word = WORD.matcher(response.aiMessage().text());
        while (word.find()) {
            handler.onPartialResponse(word.group());
        }
        handler.onCompleteResponse(response);
    }
}
