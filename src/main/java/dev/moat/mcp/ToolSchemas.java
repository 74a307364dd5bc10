package dev.moat.mcp;

import io.quarkiverse.mcp.server.InputSchemaGenerator;
import io.quarkiverse.mcp.server.ToolManager;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schema of each tool's arguments. The tools declare every argument optional and check the required ones
 * themselves, so a missing one is a tool error result the agent can read and correct (the extension would answer
 * a protocol error, -32602); the schema still tells the agent which are required, and the types and ranges.
 */
@Singleton
public class ToolSchemas implements InputSchemaGenerator<JsonObject> {

    /** The arguments a tool cannot do without, by tool. */
    static final Map<String, Set<String>> REQUIRED = Map.of(
            "add_memory", Set.of("text"),
            "search_memories", Set.of("query"),
            "get_context", Set.of("query"),
            "delete_memory", Set.of("id"));

    private static final List<String> KINDS = List.of("message", "fact", "preference", "note");

    /** The arguments that are not plain strings. */
    private static final Map<String, JsonObject> TYPES = Map.of(
            "k",
            new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 100),
            "limit",
            new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 200),
            "kind",
            new JsonObject().put("type", "string").put("enum", new JsonArray(KINDS)),
            "kinds",
            new JsonObject()
                    .put("type", "array")
                    .put("items", new JsonObject().put("type", "string").put("enum", new JsonArray(KINDS))),
            "occurredAt",
            new JsonObject().put("type", "string").put("format", "date-time"));

    @Override
    public JsonObject generate(ToolManager.ToolInfo tool) {
        JsonObject properties = new JsonObject();
        for (ToolManager.ToolArgument argument : tool.arguments()) {
            JsonObject property = TYPES.getOrDefault(argument.name(), new JsonObject().put("type", "string"))
                    .copy()
                    .put("description", argument.description());
            properties.put(argument.name(), property);
        }
        Set<String> required = REQUIRED.getOrDefault(tool.name(), Set.of());
        return new JsonObject()
                .put("type", "object")
                .put("properties", properties)
                .put(
                        "required",
                        new JsonArray(tool.arguments().stream()
                                .map(ToolManager.ToolArgument::name)
                                .filter(required::contains)
                                .toList()));
    }
}
