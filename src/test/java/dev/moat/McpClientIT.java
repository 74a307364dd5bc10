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
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP TypeScript SDK client (@modelcontextprotocol/sdk), run by node, against the packaged jar's /mcp:
 * tools listed with their schemas, a memory added in one session and found from another, two user keys that never
 * see each other's memory, an admin key naming its user, bad arguments as tool errors, and no key no entry.
 */
class McpClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void theOfficialMcpClientUsesMoatsMemoryAsItsUserOnly() throws Exception {
        NodeClients.installed();
        try (RunningJar server = new RunningJar(work.resolve("data")).start()) {
            String alice = server.userKey("alice");
            String bob = server.userKey("bob");

            for (String key : new String[] {null, "moat_not-a-key"}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/mcp"))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
                if (key != null) {
                    request.header("Authorization", "Bearer " + key);
                }
                HttpResponse<String> refused = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as("key %s", key).isEqualTo(401);
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(refused.body()).contains("Authorization: Bearer");
            }

            String output =
                    NodeClients.run("node", "mcp.mjs", server.uri("/mcp").toString(), alice, bob, server.adminKey());
            JsonNode out = JSON.readTree(NodeClients.lastLine(output));

            assertThat(out.at("/server/name").asText()).isEqualTo("moat");
            JsonNode tools = out.get("tools");
            List<String> names = new ArrayList<>();
            tools.fieldNames().forEachRemaining(names::add);
            assertThat(names)
                    .containsExactlyInAnyOrder(
                            "add_memory",
                            "search_memories",
                            "list_memories",
                            "delete_memory",
                            "get_context",
                            "get_profile",
                            "switching_cost");
            JsonNode searchSchema = tools.at("/search_memories/schema");
            assertThat(searchSchema.get("type").asText()).isEqualTo("object");
            assertThat(searchSchema.get("properties").has("k")).isTrue();
            assertThat(searchSchema.at("/properties/k/type").asText()).isEqualTo("integer");
            assertThat(searchSchema.get("required").toString())
                    .contains("query")
                    .doesNotContain("\"k\"");
            tools.forEach(t -> assertThat(t.get("description").asText()).hasSizeGreaterThan(40));

            assertSucceeded(out, "added").contains("Greta");
            assertSucceeded(out, "found").contains("My sister Greta lives in Tromso.");
            assertSucceeded(out, "listed").contains("Greta");
            assertSucceeded(out, "context")
                    .contains("- [")
                    .contains("My sister Greta lives in Tromso.")
                    .contains("\"tokens\"");
            assertFailed(out, "tinyBudget").contains("maxTokens");
            assertSucceeded(out, "profile").contains("\"facts\"").contains("My sister Greta lives in Tromso.");
            assertFailed(out, "otherUser").contains("no user 'bob'");
            assertFailed(out, "emptyText").contains("text");
            assertFailed(out, "badKind").contains("kind: one of message, fact, preference, note");
            assertFailed(out, "badTime").contains("occurredAt").contains("yesterday");
            assertFailed(out, "badK").contains("k");
            // a value of another JSON type than the schema's: a tool error too (MCP 2025-11-25, SEP-1303)
            assertFailed(out, "wrongType").contains("Invalid argument [k]");
            assertFailed(out, "missingQuery").contains("query: search_memories needs it");
            assertFailed(out, "unknownMemory").contains("no-such-memory");

            assertSucceeded(out, "bobSearch").doesNotContain("Greta");
            assertFailed(out, "bobDeletesAlices");
            assertFailed(out, "adminWithoutUser").contains("an admin key names the user");
            assertSucceeded(out, "adminForAlice").contains("Greta"); // Bob's delete did not reach it
            assertSucceeded(out, "cost").contains("target");

            // The same tools over stdio, as a host that launches a local process sees them (mcp --user U).
            String java = ProcessHandle.current().info().command().orElse("java");
            JsonNode stdio = JSON.readTree(NodeClients.lastLine(NodeClients.run(
                    "node",
                    "mcp-stdio.mjs",
                    java,
                    RunningJar.JAR.toAbsolutePath().toString(),
                    server.uri("").toString(),
                    server.adminKey(),
                    bob)));
            assertThat(stdio.at("/server/name").asText()).isEqualTo("moat");
            assertThat(stdio.get("tools")).hasSize(7);
            assertThat(stdio.get("userInSchemas").asBoolean()).isFalse(); // --user fixes it
            assertSucceeded(stdio, "added").contains("\"userId\":\"alice\"");
            assertSucceeded(stdio, "found").contains("My brother Tomas lives in Porto.");
            assertSucceeded(stdio, "earlier").contains("My sister Greta lives in Tromso."); // added over HTTP
            assertFailed(stdio, "badK").contains("k");
            assertSucceeded(stdio, "bobSearch").doesNotContain("Tomas").doesNotContain("Greta");
        }
    }

    @Test
    void theStdioRelayWithoutAKeyOrAServerSaysWhatIsMissing() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        for (boolean withKey : new boolean[] {false, true}) {
            ProcessBuilder relay = new ProcessBuilder(
                            java, "-jar", RunningJar.JAR.toString(), "mcp", "--url", "http://127.0.0.1:9")
                    .redirectErrorStream(true);
            relay.environment().remove("MOAT_KEY");
            if (withKey) {
                relay.environment().put("MOAT_KEY", "moat_some-key");
            }
            Process p = relay.start();
            p.getOutputStream().close();
            String said = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(said).isEqualTo(2);
            assertThat(said).contains(withKey ? "cannot reach Moat's MCP server at http://127.0.0.1:9" : "MOAT_KEY");
        }
    }

    private static AbstractStringAssert<?> assertSucceeded(JsonNode out, String call) {
        JsonNode r = out.get(call);
        assertThat(r.path("protocolError").isMissingNode())
                .as("%s: %s", call, r)
                .isTrue();
        assertThat(r.get("isError").asBoolean()).as("%s: %s", call, r).isFalse();
        return assertThat(r.get("text").asText());
    }

    /** A tool error result the agent can read: never a protocol failure. */
    private static AbstractStringAssert<?> assertFailed(JsonNode out, String call) {
        JsonNode r = out.get(call);
        assertThat(r.path("protocolError").isMissingNode())
                .as("%s: %s", call, r)
                .isTrue();
        assertThat(r.get("isError").asBoolean()).as("%s: %s", call, r).isTrue();
        return assertThat(r.get("text").asText());
    }
}
