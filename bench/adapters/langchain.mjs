/* global AbortController, performance -- Node 20 globals (eslint.config.mjs declares only process and console for .mjs) */
// LangChain.js: ChatOpenAI from @langchain/openai, with its own batch (maxConcurrency) and stream.
import { ChatOpenAI } from '@langchain/openai';
import { API_KEY, MODEL, prompt } from '../common.mjs';

const chat = (ctx, { maxTokens, headers, ...extra } = {}) =>
  new ChatOpenAI({
    model: MODEL,
    apiKey: API_KEY,
    maxTokens,
    configuration: { baseURL: `${ctx.simUrl}/v1`, ...(headers ? { defaultHeaders: headers } : {}) },
    ...extra,
  });

export async function batch(ctx, { n, concurrency, maxTokens = 16, serial = false }) {
  const llm = chat(ctx, { maxTokens });
  const prompts = Array.from({ length: n }, (_, i) => prompt(i));
  if (serial) {
    for (const p of prompts) await llm.invoke(p);
    return n;
  }
  const results = await llm.batch(prompts, { maxConcurrency: concurrency });
  return results.length;
}

export async function stream(ctx, { headers, maxTokens }) {
  const llm = chat(ctx, { headers, maxTokens });
  let chunks = 0;
  for await (const chunk of await llm.stream('Tell a long story')) if (chunk.content) chunks++;
  return chunks;
}

export async function cancel(ctx, { headers, afterChunks, maxTokens }) {
  const llm = chat(ctx, { headers, maxTokens });
  const ac = new AbortController();
  let t0 = 0;
  let chunks = 0;
  try {
    for await (const chunk of await llm.stream('Tell a long story', { signal: ac.signal })) {
      if (chunk.content && ++chunks === afterChunks) {
        t0 = performance.now();
        ac.abort();
      }
    }
  } catch {
    // "Aborted": the caller has settled.
  }
  return { settleMs: performance.now() - t0, t0 };
}

/** `batch` takes an array: LangChain has no lazy source. */
export const scaleSim = (ctx, opts) => batch(ctx, opts);

/** LangChain's default retries (maxRetries 6, exponential backoff) and batch's maxConcurrency. */
export async function quota(ctx, { n, concurrency, maxTokens = 16 }) {
  const llm = chat(ctx, { maxTokens });
  const prompts = Array.from({ length: n }, (_, i) => prompt(i));
  const results = await llm.batch(prompts, { maxConcurrency: concurrency }, { returnExceptions: true });
  return { succeeded: results.filter((r) => !(r instanceof Error)).length };
}
