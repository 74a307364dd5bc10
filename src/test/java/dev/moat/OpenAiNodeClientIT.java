package dev.moat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.support.NodeClients;
import dev.moat.support.RunningJar;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official openai npm client, run by node, against the packaged jar's OpenAI-compatible API. */
class OpenAiNodeClientIT {

    @TempDir
    Path work;

    @Test
    void theOfficialOpenAiClientChatsWithMoatsMemory() throws Exception {
        NodeClients.installed();
        try (RunningJar server = new RunningJar(work.resolve("data")).start()) {
            HttpResponse<String> created = HttpClient.newHttpClient()
                    .send(
                            server.request("/v1/users/node-user/memories")
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"text\":\"I adopted a grey cat named Pixel\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);

            String output =
                    NodeClients.run("node", "client.mjs", server.uri("/v1").toString(), "node-user", server.adminKey());
            JsonNode result = new ObjectMapper().readTree(NodeClients.lastLine(output));
            assertThat(result.get("reply").asText()).contains("offline model").contains("grey cat named Pixel");
            assertThat(result.get("promptTokens").asInt()).isPositive();
            assertThat(result.get("streamed").asText())
                    .isEqualTo(result.get("reply").asText());
            assertThat(result.get("chunks").asInt()).isGreaterThan(2);
            assertThat(result.get("models").toString()).contains("offline");
        }
    }
}
