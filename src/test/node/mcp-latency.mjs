// Usage (after an IT installed the clients, or npm ci here): node mcp-latency.mjs <baseURL> <userKey> <user> [calls]
// The round trip of search_memories through the official MCP TypeScript client, beside the same searches over
// the REST API from the same process (fetch), one after the other, distinct questions; prints one JSON line.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [base, key, user, callsArg] = process.argv.slice(2);
const calls = Number(callsArg ?? 500);
const headers = { Authorization: `Bearer ${key}` };
const topics = ["where does my sister live", "what does my friend collect", "who recommended the bar",
  "what is my cousin afraid of", "which trip did my manager mention"];
const question = (i) => `${topics[i % topics.length]} ${i}`;

function percentiles(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p) => s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
  return { p50: at(50), p99: at(99), max: s[s.length - 1] };
}

const client = new Client({ name: "moat-mcp-latency", version: "1.0.0" });
await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers } }));

async function mcp(i) {
  const r = await client.callTool({ name: "search_memories", arguments: { query: question(i), k: 10 } });
  if (r.isError) throw new Error(r.content[0].text);
}
async function rest(i) {
  const r = await fetch(`${base}/v1/users/${user}/memories/search`, {
    method: "POST", headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify({ query: question(i), k: 10 }),
  });
  if (r.status !== 200) throw new Error(`REST search answered ${r.status}`);
  await r.text();
}

async function timed(fn, offset) {
  for (let i = 0; i < 100; i++) await fn(offset + 1_000_000 + i); // warm-up
  const ms = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await fn(offset + i);
    ms.push(performance.now() - t);
  }
  return percentiles(ms);
}

const out = { calls, user, mcp: await timed(mcp, 0), rest: await timed(rest, 10_000) };
await client.close();
console.log(JSON.stringify(out));
