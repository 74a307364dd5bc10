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
        send(
                "POST",
                path,
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))));
    }

    /** GETs /v1/{path}; anything but 200 ends the benchmark with the answer. */
    void get(String path) throws IOException, InterruptedException {
        send("GET", path, request(path).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", bearer);
    }

    private void send(String method, String path, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new CommandException(
                    method + " /v1/" + path + " answered " + response.statusCode() + ": " + response.body(), 1);
        }
    }

    /** A search of the user's memories, k hits. */
    void search(String userId, String query, int k) throws IOException, InterruptedException {
        post("users/" + userId + "/memories/search", Map.of("query", query, "k", k));
    }
}
