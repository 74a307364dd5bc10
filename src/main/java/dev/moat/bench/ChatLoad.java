package dev.moat.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Chats sent to this process's own /v1/chat by concurrent clients, for one user through one provider: each chat is
 * stored, searched with, answered and its reply stored, as in service. Shared by `bench chat` and `bench perf`.
 */
final class ChatLoad {

    private final LocalApi api;
    private final String userId;
    private final String provider;

    ChatLoad(LocalApi api, String userId, String provider) {
        this.api = api;
        this.userId = userId;
        this.provider = provider;
    }

    /** Sends count chats from the given number of clients; returns each chat's round trip in nanoseconds. */
    long[] run(SyntheticMemories corpus, int clients, int count) throws Exception {
        List<String> questions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Distinct messages, so no embedding comes from the cache of a repeated one.
            questions.add(
                    corpus.question() + " (" + UUID.randomUUID().toString().substring(0, 8) + ")");
        }
        long[] nanos = new long[count];
        Concurrently.run(clients, count, i -> {
            long t = System.nanoTime();
            send(questions.get(i));
            nanos[i] = System.nanoTime() - t;
        });
        return nanos;
    }

    private void send(String message) throws IOException, InterruptedException {
        api.post("chat", Map.of("userId", userId, "message", message, "provider", provider));
    }
}
