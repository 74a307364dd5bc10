// Usage: node mcp-stdio.mjs <java> <jar> <moatURL> <adminKey> <bobKey>
// Launches `mcp` over stdio as an agent host does, through the official TypeScript SDK's stdio transport: once with
// an admin key for alice (--user), once with bob's own key; prints one JSON line of what it saw.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { call } from "./mcp-calls.mjs";

const [java, jar, url, adminKey, bobKey] = process.argv.slice(2);

async function launch(key, user) {
  const args = ["-jar", jar, "mcp", "--url", url, ...(user ? ["--user", user] : [])];
  const transport = new StdioClientTransport({
    command: java,
    args,
    env: { ...getDefaultEnvironment(), MOAT_KEY: key },
    stderr: "inherit",
  });
  const client = new Client({ name: "moat-stdio-check", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

const out = {};
const alice = await launch(adminKey, "alice");
out.server = alice.getServerVersion();
const tools = (await alice.listTools()).tools;
out.tools = tools.map((t) => t.name);
out.userInSchemas = tools.some((t) => "user" in (t.inputSchema.properties ?? {}));
out.added = await call(alice, "add_memory", { text: "My brother Tomas lives in Porto.", kind: "fact" });
out.found = await call(alice, "search_memories", { query: "Where does my brother live?", k: 5 });
out.earlier = await call(alice, "search_memories", { query: "Where does my sister live?", k: 5 });
out.badK = await call(alice, "search_memories", { query: "sister", k: 1000 });
await alice.close();

const bob = await launch(bobKey, null);
out.bobSearch = await call(bob, "search_memories", { query: "Where does my brother or sister live?", k: 10 });
await bob.close();
console.log(JSON.stringify(out));
