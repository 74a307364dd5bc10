package dev.moat.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Stand-ins for the providers on 127.0.0.1, each speaking its provider's real wire format, so the real LangChain4j
 * clients are exercised: OpenAI chat completions, Anthropic messages, Ollama chat, Gemini generateContent, and one
 * OpenAI-compatible server that always answers 503 and one that answers too late. {@code /control/last/<stub>} returns the last request body a
 * stub received; {@code /control/down/<stub>?on=true|false} makes a stub answer 503.
 */
public final class ProviderStubServer implements QuarkusTestResourceLifecycleManager {

    public static final String OPENAI_REPLY = "Your cat is called Pixel (openai stub).";
    public static final String ANTHROPIC_REPLY = "Pixel, as you told me (anthropic stub).";
    public static final String OLLAMA_REPLY = "The cat's name is Pixel (ollama stub).";
    public static final String GEMINI_REPLY = "You named your cat Pixel (gemini stub).";

    private final Map<String, String> lastBodies = new ConcurrentHashMap<>();
    /** The extraction stub's answer, escaped for a JSON string. */
    static final String EXTRACTOR_REPLY = ("Here is the JSON: {\"memories\": ["
                    + "{\"text\": \"The user lives in Lisbon\", \"kind\": \"fact\", \"slot\": \"The user|lives in\"},"
                    + "{\"text\": \"The user adopted a dog\", \"kind\": \"fact\", \"slot\": \"the user|adopted a dog\","
                    + " \"date\": \"2024-05-07\"},"
                    + "{\"text\": \"\", \"kind\": \"fact\", \"slot\": \"the user|nothing\"},"
                    + "{\"text\": \"The user is happy\", \"kind\": \"mood\", \"slot\": \"the user|mood\"}]}")
            .replace("\"", "\\\"");

    private final Map<String, Boolean> down = new ConcurrentHashMap<>();
    private HttpServer server;
    /** Where the stub listens, for tests outside Quarkus (the ITs); @QuarkusTests read tests.stub.base-url. */
    private static volatile String started;

    @Override
    @SuppressForbidden("the slow stub answers late on purpose: that is what it is for")
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext(
                "/openai/",
                ex -> answer(
                        ex,
                        "openai",
                        """
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-stub",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":120,"completion_tokens":12,"total_tokens":132}}"""
                                .formatted(OPENAI_REPLY)));
        server.createContext(
                "/anthropic/",
                ex -> answer(
                        ex,
                        "anthropic",
                        """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-stub",
                 "content":[{"type":"text","text":"%s"}],"stop_reason":"end_turn",
                 "usage":{"input_tokens":130,"output_tokens":9}}"""
                                .formatted(ANTHROPIC_REPLY)));
        server.createContext(
                "/ollama/",
                ex -> answer(
                        ex,
                        "ollama",
                        """
                {"model":"llama-stub","created_at":"2024-01-01T00:00:00Z",
                 "message":{"role":"assistant","content":"%s"},"done":true,"done_reason":"stop",
                 "prompt_eval_count":140,"eval_count":8}"""
                                .formatted(OLLAMA_REPLY)));
        server.createContext(
                "/gemini/",
                ex -> answer(
                        ex,
                        "gemini",
                        """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"%s"}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":150,"candidatesTokenCount":10,"totalTokenCount":160},
                 "modelVersion":"gemini-stub"}"""
                                .formatted(GEMINI_REPLY)));
        // An extraction model (moat.extraction.provider), OpenAI's protocol: JSON amid prose, two usable statements,
        // one without a text and one of an unknown kind.
        server.createContext(
                "/extractor/",
                ex -> answer(
                        ex,
                        "extractor",
                        """
                {"id":"chatcmpl-2","object":"chat.completion","created":1700000000,"model":"extractor-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":200,"completion_tokens":60,"total_tokens":260}}"""
                                .formatted(EXTRACTOR_REPLY)));
        server.createContext("/failing/", ex -> {
            lastBodies.put("failing", read(ex));
            send(ex, 503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
        });
        server.createContext("/slow/", ex -> {
            lastBodies.put("slow", read(ex));
            try {
                Thread.sleep(3_000); // longer than the slow provider's 1 s timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, "{}");
        });
        server.createContext("/control/", this::control);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        started = base;
        Map<String, String> config = new HashMap<>();
        provider(config, "openai-stub", "openai", base + "/openai/v1", "gpt-stub");
        config.put("moat.providers.openai-stub.price.input-per-mtok", "2.5");
        config.put("moat.providers.openai-stub.price.output-per-mtok", "10");
        provider(config, "anthropic-stub", "anthropic", base + "/anthropic/v1/", "claude-stub");
        provider(config, "ollama-stub", "ollama", base + "/ollama", "llama-stub");
        provider(config, "gemini-stub", "gemini", base + "/gemini/v1beta", "gemini-stub");
        provider(config, "flaky", "openai-compatible", base + "/failing/v1", "flaky-model");
        provider(config, "extractor-stub", "openai-compatible", base + "/extractor/v1", "extractor-model");
        provider(config, "slow", "openai-compatible", base + "/slow/v1", "slow-model");
        config.put("moat.providers.slow.timeout", "1s");
        config.put("moat.routing.fallbacks", "openai-stub");
        config.put("tests.stub.base-url", base);
        return config;
    }

    private static void provider(Map<String, String> config, String name, String type, String url, String model) {
        config.put("moat.providers." + name + ".type", type);
        config.put("moat.providers." + name + ".base-url", url);
        config.put("moat.providers." + name + ".model", model);
        config.put("moat.providers." + name + ".api-key", "test-key-" + name);
        config.put("moat.providers." + name + ".max-retries", "0");
        config.put("moat.providers." + name + ".timeout", "5s");
    }

    private void answer(HttpExchange ex, String stub, String json) throws IOException {
        String body = read(ex);
        lastBodies.put(stub, body);
        boolean streaming = body.replace(" ", "").contains("\"stream\":true")
                || ex.getRequestURI().getPath().contains("streamGenerateContent");
        if (down.getOrDefault(stub, false)) {
            send(ex, 503, "{\"error\":{\"message\":\"down for the test\"}}");
        } else if (streaming) {
            stream(ex, stub);
        } else {
            send(ex, 200, json);
        }
    }

    /** The streaming form of each protocol: the reply in two pieces, then usage. */
    private static void stream(HttpExchange ex, String stub) throws IOException {
        String[] pieces =
                switch (stub) {
                    case "openai" -> split(OPENAI_REPLY);
                    case "anthropic" -> split(ANTHROPIC_REPLY);
                    case "ollama" -> split(OLLAMA_REPLY);
                    default -> split(GEMINI_REPLY);
                };
        StringBuilder out = new StringBuilder();
        switch (stub) {
            case "openai" -> {
                for (String piece : pieces) {
                    out.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                            + "\"model\":\"gpt-stub\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                            + piece + "\"},\"finish_reason\":null}]}\n\n");
                }
                out.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                        + "\"model\":\"gpt-stub\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":12,\"total_tokens\":132}}\n\n");
                out.append("data: [DONE]\n\n");
            }
            case "anthropic" -> {
                out.append(sse(
                        "message_start",
                        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-stub\",\"content\":[],"
                                + "\"usage\":{\"input_tokens\":130,\"output_tokens\":1}}}"));
                out.append(sse(
                        "content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,"
                                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
                for (String piece : pieces) {
                    out.append(sse(
                            "content_block_delta",
                            "{\"type\":\"content_block_delta\",\"index\":0,"
                                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}"));
                }
                out.append(sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
                out.append(sse(
                        "message_delta",
                        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                                + "\"end_turn\"},\"usage\":{\"output_tokens\":9}}"));
                out.append(sse("message_stop", "{\"type\":\"message_stop\"}"));
            }
            case "ollama" -> {
                for (String piece : pieces) {
                    out.append("{\"model\":\"llama-stub\",\"created_at\":\"2024-01-01T00:00:00Z\","
                            + "\"message\":{\"role\":\"assistant\",\"content\":\"" + piece + "\"},\"done\":false}\n");
                }
                out.append("{\"model\":\"llama-stub\",\"created_at\":\"2024-01-01T00:00:00Z\","
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
                        + "\"done_reason\":\"stop\",\"prompt_eval_count\":140,\"eval_count\":8}\n");
            }
            default -> {
                for (int i = 0; i < pieces.length; i++) {
                    boolean last = i == pieces.length - 1;
                    out.append("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\""
                            + pieces[i] + "\"}]}" + (last ? ",\"finishReason\":\"STOP\"" : "") + "}]"
                            + (last
                                    ? ",\"usageMetadata\":{\"promptTokenCount\":150,\"candidatesTokenCount\":10,"
                                            + "\"totalTokenCount\":160}"
                                    : "")
                            + ",\"modelVersion\":\"gemini-stub\"}\n\n");
                }
            }
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders()
                .add("Content-Type", stub.equals("ollama") ? "application/x-ndjson" : "text/event-stream");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static String[] split(String reply) {
        int middle = reply.indexOf(' ', reply.length() / 2);
        return new String[] {reply.substring(0, middle), reply.substring(middle)};
    }

    private static String sse(String event, String data) {
        return "event: " + event + "\ndata: " + data + "\n\n";
    }

    private void control(HttpExchange ex) throws IOException {
        String[] parts = ex.getRequestURI().getPath().split("/");
        String stub = parts[parts.length - 1];
        if (ex.getRequestURI().getPath().startsWith("/control/down/")) {
            down.put(stub, "on=true".equals(ex.getRequestURI().getQuery()));
            send(ex, 200, "{}");
        } else {
            send(ex, 200, lastBodies.getOrDefault(stub, ""));
        }
    }

    private static String read(HttpExchange ex) throws IOException {
        return new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    /** The body of the last request a stub ("openai", "anthropic", ...) received. */
    public static String lastRequest(String stub) {
        return control("/control/last/" + stub);
    }

    /** Makes a stub answer 503 (down) or answer normally again. */
    public static void setDown(String stub, boolean isDown) {
        control("/control/down/" + stub + "?on=" + isDown);
    }

    private static String control(String path) {
        String base =
                started != null ? started : ConfigProvider.getConfig().getValue("tests.stub.base-url", String.class);
        return RestAssured.given()
                .baseUri(base)
                .port(-1)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            started = null;
        }
    }
}
