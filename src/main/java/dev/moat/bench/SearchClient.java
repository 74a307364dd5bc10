package dev.moat.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.cli.CommandException;
import dev.moat.memory.Owner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Memory searches sent to this process's own HTTP endpoint, as a client would: for `bench search` and `bench perf`. */
final class SearchClient {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base = "http://127.0.0.1:" + System.getProperty("quarkus.http.port") + "/v1/users/";
    private final ObjectMapper mapper;
    private final String bearer;
    private final int k;

    SearchClient(ObjectMapper mapper, String bearer, int k) {
        this.mapper = mapper;
        this.bearer = bearer;
        this.k = k;
    }

    /** POSTs the query for the owner's memories; anything but 200 ends the benchmark with the answer. */
    void search(Owner owner, String query) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + owner.userId() + "/memories/search"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", bearer)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                mapper.writeValueAsString(Map.of("query", query, "k", k))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new CommandException("search answered " + response.statusCode() + ": " + response.body(), 1);
        }
    }
}
