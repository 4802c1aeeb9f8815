/* global AbortController, performance -- Node 20 globals (eslint.config.mjs declares only process and console for .mjs) */
// The raw SDKs as their users write them: `openai` / `@anthropic-ai/sdk` with `p-limit` for concurrency.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import pLimit from 'p-limit';
import { ANTHROPIC_MODEL, API_KEY, EMBEDDING_MODEL, MODEL, instantOpenAIClient, prompt, text } from '../common.mjs';

const openai = (ctx, extra = {}) => new OpenAI({ baseURL: `${ctx.simUrl}/v1`, apiKey: API_KEY, ...extra });
const chat = (p, maxTokens) => ({ model: MODEL, messages: [{ role: 'user', content: p }], max_tokens: maxTokens });

export async function batch(ctx, { n, concurrency, maxTokens = 16, onDone, serial = false }) {
  const client = openai(ctx);
  if (serial) {
    for (let i = 0; i < n; i++) await client.chat.completions.create(chat(prompt(i), maxTokens));
    return n;
  }
  const limit = pLimit(concurrency);
  const prompts = Array.from({ length: n }, (_, i) => prompt(i));
  const results = await Promise.all(
    prompts.map((p) => limit(() => client.chat.completions.create(chat(p, maxTokens))).then((r) => (onDone?.(), r))),
  );
  return results.length;
}

export async function stream(ctx, { headers, maxTokens }) {
  const client = openai(ctx, { defaultHeaders: headers });
  const s = await client.chat.completions.create({ ...chat('Tell a long story', maxTokens), stream: true, stream_options: { include_usage: true } });
  let chunks = 0;
  for await (const chunk of s) if (chunk.choices[0]?.delta?.content) chunks++;
  return chunks;
}

export async function cancel(ctx, { headers, afterChunks, maxTokens }) {
  const client = openai(ctx, { defaultHeaders: headers });
  const ac = new AbortController();
  let t0 = 0;
  let chunks = 0;
  try {
    const s = await client.chat.completions.create({ ...chat('Tell a long story', maxTokens), stream: true }, { signal: ac.signal });
    for await (const chunk of s) {
      if (chunk.choices[0]?.delta?.content && ++chunks === afterChunks) {
        t0 = performance.now();
        ac.abort();
      }
    }
  } catch {
    // APIUserAbortError: the caller has settled.
  }
  return { settleMs: performance.now() - t0, t0 };
}

/** p-limit over an array of prompts (p-limit takes no lazy source) and an instant fake call. */
export async function scaleInstant(_ctx, { n, concurrency, onDone }) {
  const limit = pLimit(concurrency);
  const fake = async (p) => ({ choices: [{ index: 0, message: { role: 'assistant', content: p }, finish_reason: 'stop' }] });
  const prompts = Array.from({ length: n }, (_, i) => prompt(i));
  let ok = 0;
  await Promise.all(prompts.map((p) => limit(() => fake(p)).then(() => (ok++, onDone?.()))));
  return ok;
}

export const scaleSim = (ctx, opts) => batch(ctx, opts);

export async function anthropicStream(ctx, { headers, maxTokens }) {
  const client = new Anthropic({ baseURL: ctx.simUrl, apiKey: API_KEY, defaultHeaders: headers });
  const s = await client.messages.create({
    model: ANTHROPIC_MODEL,
    max_tokens: maxTokens,
    messages: [{ role: 'user', content: 'Tell a long story' }],
    stream: true,
  });
  let chunks = 0;
  for await (const event of s) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') chunks++;
  return chunks;
}

/** The SDK's own default retries (2, honouring retry-after), p-limit for concurrency. */
export async function quota(ctx, { n, concurrency, maxTokens = 16 }) {
  const client = openai(ctx);
  const limit = pLimit(concurrency);
  const results = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => limit(() => client.chat.completions.create(chat(prompt(i), maxTokens)))),
  );
  return { succeeded: results.filter((r) => r.status === 'fulfilled').length };
}

/** p-limit over an instant stand-in for the SDK client: the baseline of the per-request overhead. */
export async function overhead(_ctx, { n, concurrency, maxTokens = 16 }) {
  const client = instantOpenAIClient();
  const limit = pLimit(concurrency);
  const prompts = Array.from({ length: n }, (_, i) => prompt(i));
  const results = await Promise.all(prompts.map((p) => limit(() => client.chat.completions.create(chat(p, maxTokens)))));
  return results.length;
}

/**
 * Embeddings as the SDK's users write them: the texts cut into batches by hand (an array: p-limit takes no
 * lazy source), `embeddings.create` per batch (the SDK asks for base64 and decodes it), p-limit for concurrency.
 * Each vector is counted and dropped.
 */
export async function embed(ctx, { n, batchSize, concurrency, onDone }) {
  const client = openai(ctx);
  const limit = pLimit(concurrency);
  const texts = Array.from({ length: n }, (_, i) => text(i));
  const batches = [];
  for (let i = 0; i < n; i += batchSize) batches.push(texts.slice(i, i + batchSize));
  let vectors = 0;
  await Promise.all(
    batches.map((input) =>
      limit(async () => {
        const response = await client.embeddings.create({ model: EMBEDDING_MODEL, input });
        for (const d of response.data) {
          if (d.embedding.length === 0) throw new Error('an empty vector');
          vectors++;
          onDone?.();
        }
      }),
    ),
  );
  return vectors;
}
