package dev.moat.mcp.stdio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mcp --user U}: Moat's MCP tools over stdio, for agent hosts that launch a local process. It does not open the
 * data folder (a running Moat holds it): it relays to a running Moat's /mcp with a key, through the MCP Java SDK's
 * stdio server and streamable HTTP client, so the tools, their schemas, limits and isolation are the server's own.
 * With {@code --user} every call is for that user and the tools' {@code user} argument is left out of their schemas.
 * Runs without starting the service (Main).
 */
@Command(
        name = "mcp",
        mixinStandardHelpOptions = true,
        description = "Serve Moat's MCP tools over stdio for one user, relayed to a running Moat's /mcp. The key comes"
                + " from the MOAT_KEY environment variable or --key-file, never the command line.")
public class StdioCommand implements Callable<Integer> {

    @Option(
            names = "--user",
            description = "The user every call is for. A user key's own user when left out; an admin key needs it.")
    String user;

    @Option(
            names = "--url",
            defaultValue = "${env:MOAT_URL:-http://127.0.0.1:8080}",
            description = "The running Moat (default: MOAT_URL, else ${DEFAULT-VALUE}).")
    String url;

    @Option(
            names = "--key-file",
            description = "A file holding the key, such as <data folder>/admin.key (default: MOAT_KEY).")
    Path keyFile;

    @Option(
            names = "--timeout",
            defaultValue = "60",
            description = "Seconds a relayed call may take (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        // stdout carries the protocol alone: anything a library prints goes to stderr
        PrintStream protocol = System.out;
        System.setOut(System.err);
        String key = key();
        if (key == null) {
            System.err.println("error: no key: set MOAT_KEY or pass --key-file");
            return 2;
        }
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        McpSyncClient moat = McpClient.sync(HttpClientStreamableHttpTransport.builder(url)
                        .endpoint("/mcp")
                        .jsonMapper(json)
                        .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
                        .build())
                .clientInfo(new McpSchema.Implementation("moat-stdio", version()))
                .requestTimeout(Duration.ofSeconds(timeoutSeconds))
                .build();
        List<McpSchema.Tool> tools;
        try {
            moat.initialize();
            tools = tools(moat);
        } catch (RuntimeException e) {
            System.err.println(
                    "error: cannot reach Moat's MCP server at " + url + "/mcp with that key: " + e.getMessage());
            moat.close();
            return 2;
        }
        CountDownLatch stdinClosed = new CountDownLatch(1);
        McpSyncServer server = McpServer.sync(
                        new StdioServerTransportProvider(json, watched(System.in, stdinClosed), protocol))
                .serverInfo("moat", version())
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools.stream().map(t -> relayed(moat, t)).toList())
                .build();
        System.err.println("moat mcp: relaying " + tools.size() + " tools over stdio to " + url + "/mcp"
                + (user == null ? "" : " for user " + user));
        stdinClosed.await();
        server.closeGracefully();
        moat.closeGracefully();
        return 0;
    }

    private String key() throws IOException {
        if (keyFile != null) {
            return Files.readString(keyFile, StandardCharsets.UTF_8).strip();
        }
        String env = System.getenv("MOAT_KEY");
        return env == null || env.isBlank() ? null : env.strip();
    }

    private static List<McpSchema.Tool> tools(McpSyncClient moat) {
        List<McpSchema.Tool> tools = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = moat.listTools(cursor);
            tools.addAll(page.tools());
            cursor = page.nextCursor();
        } while (cursor != null);
        return tools;
    }

    /** The server's tool as served here: with --user, no user argument; each call relayed with the user put in. */
    private McpServerFeatures.SyncToolSpecification relayed(McpSyncClient moat, McpSchema.Tool tool) {
        McpSchema.Tool served = user == null ? tool : withoutUser(tool);
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(served)
                .callHandler((exchange, request) -> {
                    Map<String, Object> arguments =
                            new HashMap<>(request.arguments() == null ? Map.of() : request.arguments());
                    if (user != null) {
                        arguments.put("user", user);
                    }
                    try {
                        return moat.callTool(new McpSchema.CallToolRequest(tool.name(), arguments));
                    } catch (RuntimeException e) {
                        return McpSchema.CallToolResult.builder()
                                .addTextContent("Moat at " + url + " did not answer (" + e.getMessage()
                                        + "); retry when it is up. Nothing was lost that it had acknowledged.")
                                .isError(true)
                                .build();
                    }
                })
                .build();
    }

    @SuppressWarnings("unchecked")
    static McpSchema.Tool withoutUser(McpSchema.Tool tool) {
        Map<String, Object> schema = new LinkedHashMap<>(tool.inputSchema());
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) properties);
            kept.remove("user");
            schema.put("properties", kept);
        }
        if (schema.get("required") instanceof List<?> required) {
            schema.put(
                    "required", required.stream().filter(r -> !"user".equals(r)).toList());
        }
        return McpSchema.Tool.builder()
                .name(tool.name())
                .title(tool.title())
                .description(tool.description())
                .inputSchema(schema)
                .annotations(tool.annotations())
                .build();
    }

    /** The input, counting the latch down when it ends: the host closed stdin, so the relay stops. */
    private static InputStream watched(InputStream in, CountDownLatch closed) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    closed.countDown();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n < 0) {
                    closed.countDown();
                }
                return n;
            }
        };
    }

    private static String version() {
        String v = StdioCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
