package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chats sent to this process's own /v1/chat by concurrent clients, for one user through one provider: each chat is
 * stored, searched with, answered and its reply stored, as in service. Shared by `bench chat` and `bench perf`.
 */
final class ChatLoad {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri = URI.create("http://127.0.0.1:" + System.getProperty("quarkus.http.port") + "/v1/chat");
    private final ObjectMapper mapper;
    private final String bearer;
    private final String userId;
    private final String provider;

    ChatLoad(ObjectMapper mapper, String bearer, String userId, String provider) {
        this.mapper = mapper;
        this.bearer = bearer;
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
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        send(questions.get(i));
                        nanos[i] = System.nanoTime() - t;
                    }
                    return null;
                }));
            }
            for (Future<Void> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return nanos;
    }

    private void send(String message) throws IOException, InterruptedException {
        String body = mapper.writeValueAsString(Map.of("userId", userId, "message", message, "provider", provider));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .header("Authorization", bearer)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new CommandException("chat answered " + response.statusCode() + ": " + response.body(), 1);
        }
    }
}
