// Usage: node mcp.mjs <mcpURL> <aliceKey> <bobKey> <adminKey>
// Drives Moat's MCP server through the official TypeScript SDK client; prints one JSON line of what it saw.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { call } from "./mcp-calls.mjs";

const [url, aliceKey, bobKey, adminKey] = process.argv.slice(2);

async function session(key) {
  const client = new Client({ name: "moat-mcp-check", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  });
  await client.connect(transport);
  return client;
}

const out = {};
const alice = await session(aliceKey);
out.server = alice.getServerVersion();
out.protocol = alice.transport.protocolVersion ?? null;
const tools = (await alice.listTools()).tools;
out.tools = Object.fromEntries(tools.map((t) => [t.name, { description: t.description, schema: t.inputSchema }]));
out.added = await call(alice, "add_memory", { text: "My sister Greta lives in Tromso.", kind: "fact" });
await alice.close();

const again = await session(aliceKey); // a new session of the same user
out.found = await call(again, "search_memories", { query: "Where does my sister live?", k: 3 });
out.listed = await call(again, "list_memories", { limit: 5 });
out.context = await call(again, "get_context", { query: "Where does my sister live?", maxTokens: 200 });
out.profile = await call(again, "get_profile", {});
out.tinyBudget = await call(again, "get_context", { query: "sister", maxTokens: 3 });
out.otherUser = await call(again, "search_memories", { query: "sister", user: "bob" });
out.emptyText = await call(again, "add_memory", { text: "" });
out.badKind = await call(again, "add_memory", { text: "x", kind: "gossip" });
out.badTime = await call(again, "add_memory", { text: "x", occurredAt: "yesterday" });
out.badK = await call(again, "search_memories", { query: "sister", k: 1000 });
out.wrongType = await call(again, "search_memories", { query: "sister", k: "many" });
out.missingQuery = await call(again, "search_memories", {});
out.unknownMemory = await call(again, "delete_memory", { id: "no-such-memory" });
await again.close();

const bob = await session(bobKey);
out.bobSearch = await call(bob, "search_memories", { query: "Where does my sister live?" });
out.bobDeletesAlices = await call(bob, "delete_memory", { id: JSON.parse(out.added.text).id });
await bob.close();

const admin = await session(adminKey);
out.adminWithoutUser = await call(admin, "search_memories", { query: "sister" });
out.adminForAlice = await call(admin, "search_memories", { query: "sister", user: "alice" });
out.cost = await call(admin, "switching_cost", { user: "alice" });
await admin.close();

console.log(JSON.stringify(out));
