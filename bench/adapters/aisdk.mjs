/* global AbortController, performance -- Node 20 globals (eslint.config.mjs declares only process and console for .mjs) */
// The Vercel AI SDK: generateText / streamText over @ai-sdk/openai's chat model, p-limit for concurrency
// (the AI SDK has no batch helper).
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import pLimit from 'p-limit';
import { API_KEY, MODEL, prompt } from '../common.mjs';

// `.chat()`: /v1/chat/completions (the provider's default model is the Responses API, which the simulator does not speak).
const chat = (ctx, headers) => createOpenAI({ baseURL: `${ctx.simUrl}/v1`, apiKey: API_KEY, ...(headers ? { headers } : {}) }).chat(MODEL);

export async function batch(ctx, { n, concurrency, maxTokens = 16, onDone, serial = false }) {
  const model = chat(ctx);
  if (serial) {
    for (let i = 0; i < n; i++) await generateText({ model, prompt: prompt(i), maxOutputTokens: maxTokens });
    return n;
  }
  const limit = pLimit(concurrency);
  const prompts = Array.from({ length: n }, (_, i) => prompt(i));
  const results = await Promise.all(
    prompts.map((p) => limit(() => generateText({ model, prompt: p, maxOutputTokens: maxTokens })).then((r) => (onDone?.(), r))),
  );
  return results.length;
}

export async function stream(ctx, { headers, maxTokens }) {
  const result = streamText({ model: chat(ctx, headers), prompt: 'Tell a long story', maxOutputTokens: maxTokens });
  let chunks = 0;
  for await (const text of result.textStream) if (text) chunks++;
  return chunks;
}

export async function cancel(ctx, { headers, afterChunks, maxTokens }) {
  const ac = new AbortController();
  let t0 = 0;
  let chunks = 0;
  try {
    const result = streamText({
      model: chat(ctx, headers),
      prompt: 'Tell a long story',
      maxOutputTokens: maxTokens,
      abortSignal: ac.signal,
      onError: () => {},
    });
    for await (const text of result.textStream) {
      if (text && ++chunks === afterChunks) {
        t0 = performance.now();
        ac.abort();
      }
    }
  } catch {
    // the caller has settled
  }
  return { settleMs: performance.now() - t0, t0 };
}

export const scaleSim = (ctx, opts) => batch(ctx, opts);

/** The AI SDK's default retries (maxRetries 2, honouring retry-after), p-limit for concurrency. */
export async function quota(ctx, { n, concurrency, maxTokens = 16 }) {
  const model = chat(ctx);
  const limit = pLimit(concurrency);
  const results = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => limit(() => generateText({ model, prompt: prompt(i), maxOutputTokens: maxTokens }))),
  );
  return { succeeded: results.filter((r) => r.status === 'fulfilled').length };
}
