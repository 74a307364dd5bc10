// Usage: node client.mjs <baseURL> <user> <apiKey>
// Asks Moat once plainly and once streaming through the official openai client; prints one JSON line.
import OpenAI from "openai";

const [baseURL, user, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 30000 });
const messages = [{ role: "user", content: "What is my cat called?" }];

const plain = await client.chat.completions.create({ model: "offline", messages, user });
const stream = await client.chat.completions.create({ model: "offline", messages, user, stream: true });
let streamed = "";
let chunks = 0;
for await (const chunk of stream) {
  streamed += chunk.choices[0]?.delta?.content ?? "";
  chunks++;
}
const models = await client.models.list();
console.log(JSON.stringify({
  reply: plain.choices[0].message.content,
  promptTokens: plain.usage.prompt_tokens,
  streamed,
  chunks,
  models: models.data.map((m) => m.id),
}));
