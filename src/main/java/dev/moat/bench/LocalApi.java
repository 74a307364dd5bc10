package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * This process's own /v1 API called over HTTP, as a client would, with the benchmark's key: the searches of `bench
 * search` and `bench perf`, the chats of ChatLoad.
 */
final class LocalApi {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base = "http://127.0.0.1:" + System.getProperty("quarkus.http.port") + "/v1/";
    private final ObjectMapper mapper;
    private final String bearer;

    LocalApi(ObjectMapper mapper, String bearer) {
        this.mapper = mapper;
        this.bearer = bearer;
    }

    /** POSTs the body as JSON to /v1/{path}; anything but 200 ends the benchmark with the answer. */
    void post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", bearer)
                        .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new CommandException(
                    "POST /v1/" + path + " answered " + response.statusCode() + ": " + response.body(), 1);
        }
    }

    /** GETs /v1/{path}; anything but 200 ends the benchmark with the answer. */
    void get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", bearer)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new CommandException(
                    "GET /v1/" + path + " answered " + response.statusCode() + ": " + response.body(), 1);
        }
    }

    /** A search of the user's memories, k hits. */
    void search(String userId, String query, int k) throws IOException, InterruptedException {
        post("users/" + userId + "/memories/search", Map.of("query", query, "k", k));
    }
}
