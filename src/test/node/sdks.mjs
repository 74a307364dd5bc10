// Usage: node sdks.mjs <moat root URL> <user> <apiKey>
// Asks Moat the same question through three SDKs no one at Moat wrote, each plainly and streaming:
// Anthropic's (@anthropic-ai/sdk, on /v1/messages), LangChain.js's ChatOpenAI (@langchain/openai) and the Vercel
// AI SDK (ai with @ai-sdk/openai-compatible), the last two on /v1. Prints one JSON line.
import Anthropic from "@anthropic-ai/sdk";
import { ChatOpenAI } from "@langchain/openai";
import { generateText, streamText } from "ai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";

const [root, user, apiKey] = process.argv.slice(2);
const question = "What is my cat called?";
const out = {};

// Anthropic's SDK sends the key as x-api-key; metadata.user_id names the user.
const anthropic = new Anthropic({ baseURL: root, apiKey, maxRetries: 0, timeout: 30000 });
const request = {
  model: "offline",
  max_tokens: 256,
  system: "Answer briefly.",
  messages: [{ role: "user", content: question }],
  metadata: { user_id: user },
};
const message = await anthropic.messages.create(request);
const stream = anthropic.messages.stream(request);
let streamed = "";
stream.on("text", (text) => (streamed += text));
const final = await stream.finalMessage();
const events = [];
for await (const event of await anthropic.messages.create({ ...request, stream: true })) {
  if (!events.includes(event.type)) events.push(event.type);
}
let refused = null;
try {
  await anthropic.messages.create({ ...request, model: "no-such-provider" });
} catch (e) {
  refused = { status: e.status, isBadRequest: e instanceof Anthropic.BadRequestError };
}
out.anthropic = {
  reply: message.content[0].text,
  role: message.role,
  stopReason: message.stop_reason,
  inputTokens: message.usage.input_tokens,
  streamed,
  finalText: final.content[0].text,
  finalOutputTokens: final.usage.output_tokens,
  events,
  refused,
};

// LangChain.js on Moat's OpenAI-compatible API; the header names the user.
const langchain = new ChatOpenAI({
  model: "offline",
  apiKey,
  maxRetries: 0,
  configuration: { baseURL: `${root}/v1`, defaultHeaders: { "X-Moat-User": user } },
});
const invoked = await langchain.invoke(question);
let lcStreamed = "";
let lcChunks = 0;
for await (const chunk of await langchain.stream(question)) {
  lcStreamed += chunk.content;
  lcChunks++;
}
out.langchain = { reply: invoked.content, streamed: lcStreamed, chunks: lcChunks };

// The Vercel AI SDK's provider for OpenAI-compatible servers.
const moat = createOpenAICompatible({
  name: "moat",
  baseURL: `${root}/v1`,
  apiKey,
  headers: { "X-Moat-User": user },
});
const generated = await generateText({ model: moat("offline"), prompt: question, maxRetries: 0 });
const result = streamText({ model: moat("offline"), prompt: question, maxRetries: 0 });
let aiStreamed = "";
let aiChunks = 0;
for await (const part of result.textStream) {
  aiStreamed += part;
  aiChunks++;
}
out.vercel = { reply: generated.text, finishReason: generated.finishReason, streamed: aiStreamed, chunks: aiChunks };

console.log(JSON.stringify(out));
