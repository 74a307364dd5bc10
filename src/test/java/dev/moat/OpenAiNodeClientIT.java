package dev.moat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.support.RunningJar;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official openai npm client, run by node, against the packaged jar's OpenAI-compatible API. */
class OpenAiNodeClientIT {

    private static final Path CLIENT = Path.of("src/test/node");

    @TempDir
    Path work;

    @Test
    void theOfficialOpenAiClientChatsWithMoatsMemory() throws Exception {
        Path client = Files.createDirectories(Path.of("target/node-client"));
        for (String file : new String[] {"package.json", "package-lock.json", "client.mjs"}) {
            Files.copy(CLIENT.resolve(file), client.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(client.resolve("node_modules/openai"))) {
            run(client, "npm", "ci", "--no-audit", "--no-fund");
        }
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
                    run(client, "node", "client.mjs", server.uri("/v1").toString(), "node-user", server.adminKey());
            JsonNode result = new ObjectMapper()
                    .readTree(output.lines().reduce((a, b) -> b).orElseThrow());
            assertThat(result.get("reply").asText()).contains("offline model").contains("grey cat named Pixel");
            assertThat(result.get("promptTokens").asInt()).isPositive();
            assertThat(result.get("streamed").asText())
                    .isEqualTo(result.get("reply").asText());
            assertThat(result.get("chunks").asInt()).isGreaterThan(2);
            assertThat(result.get("models").toString()).contains("offline");
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS))
                .as("%s timed out", String.join(" ", command))
                .isTrue();
        assertThat(p.exitValue())
                .as("%s failed:%n%s", String.join(" ", command), output)
                .isZero();
        return output;
    }
}
