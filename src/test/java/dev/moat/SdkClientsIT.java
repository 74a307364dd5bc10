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

/**
 * SDKs no one at Moat wrote, run by node against the packaged jar, each plainly and streaming: Anthropic's
 * (@anthropic-ai/sdk) on /v1/messages, LangChain.js's ChatOpenAI (@langchain/openai) and the Vercel AI SDK (ai with
 * @ai-sdk/openai-compatible) on /v1. An app on any of them gets memory by changing its base URL.
 */
class SdkClientsIT {

    private static final String CAT = "I adopted a grey cat named Pixel";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void threeMoreSdksChatWithMoatsMemory() throws Exception {
        NodeClients.installed();
        try (RunningJar server = new RunningJar(work.resolve("data")).start()) {
            HttpResponse<String> created = http.send(
                    server.request("/v1/users/sdk-user/memories")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + CAT + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);

            String root = server.uri("").toString().replaceAll("/$", "");
            JsonNode out = new ObjectMapper()
                    .readTree(NodeClients.lastLine(
                            NodeClients.run("node", "sdks.mjs", root, "sdk-user", server.adminKey())));

            JsonNode anthropic = out.get("anthropic");
            assertThat(anthropic.get("reply").asText())
                    .contains("offline model")
                    .contains(CAT);
            assertThat(anthropic.get("role").asText()).isEqualTo("assistant");
            assertThat(anthropic.get("stopReason").asText()).isEqualTo("end_turn");
            assertThat(anthropic.get("inputTokens").asInt()).isPositive();
            assertThat(anthropic.get("streamed").asText())
                    .isEqualTo(anthropic.get("reply").asText());
            assertThat(anthropic.get("finalText").asText())
                    .isEqualTo(anthropic.get("reply").asText());
            assertThat(anthropic.get("finalOutputTokens").asInt()).isPositive();
            assertThat(anthropic.get("events").toString())
                    .isEqualTo("[\"message_start\",\"content_block_start\",\"content_block_delta\","
                            + "\"content_block_stop\",\"message_delta\",\"message_stop\"]");
            assertThat(anthropic.at("/refused/status").asInt()).isEqualTo(400);
            assertThat(anthropic.at("/refused/isBadRequest").asBoolean()).isTrue();

            for (String sdk : new String[] {"langchain", "vercel"}) {
                JsonNode client = out.get(sdk);
                assertThat(client.get("reply").asText())
                        .as(sdk)
                        .contains("offline model")
                        .contains(CAT);
                assertThat(client.get("streamed").asText())
                        .as(sdk)
                        .isEqualTo(client.get("reply").asText());
                assertThat(client.get("chunks").asInt()).as(sdk).isGreaterThan(2);
            }
            assertThat(out.at("/vercel/finishReason").asText()).isEqualTo("stop");

            // A user key sent as Anthropic's SDKs send it acts for its own user only.
            String key = server.userKey("sdk-other");
            String body = "{\"model\":\"offline\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"What is my cat called?\"}]%s}";
            HttpResponse<String> own = messages(server, key, body.formatted(""));
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(own.body()).doesNotContain("Pixel");
            HttpResponse<String> other =
                    messages(server, key, body.formatted(",\"metadata\":{\"user_id\":\"sdk-user\"}"));
            assertThat(other.statusCode()).isEqualTo(404); // as for a user that does not exist
            assertThat(other.body()).doesNotContain("Pixel");
            assertThat(messages(server, "moat_not-a-key", body.formatted("")).statusCode())
                    .isEqualTo(401);
        }
    }

    private HttpResponse<String> messages(RunningJar server, String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.uri("/v1/messages"))
                        .header("Content-Type", "application/json")
                        .header("x-api-key", key)
                        .header("anthropic-version", "2023-06-01")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
