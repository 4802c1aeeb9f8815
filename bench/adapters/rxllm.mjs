/* global AbortController, performance -- Node 20 globals (eslint.config.mjs declares only process and console for .mjs) */
// rxllm, consumed from the built dist (../../dist), as its README shows it.
import { count, lastValueFrom, tap } from 'rxjs';
import { adaptiveConcurrency, anthropicMessages, createRateLimiter, embedFrom, generateFrom, isGenerationFailure, openAIChat, openAIEmbedding } from '../../dist/esm/index.js';
import { instantModel } from '../../dist/esm/testing/index.js';
import { ANTHROPIC_MODEL, API_KEY, EMBEDDING_MODEL, MODEL, instantOpenAIClient, lazyPrompts, lazyTexts } from '../common.mjs';

const chat = (ctx, extra = {}) => openAIChat({ model: MODEL, baseURL: `${ctx.simUrl}/v1`, apiKey: API_KEY, ...extra });

const run = (source$, onDone) => lastValueFrom(source$.pipe(tap(() => onDone?.()), count()));

export function batch(ctx, { n, concurrency, maxTokens = 16, onDone, serial = false }) {
  const model = chat(ctx, { maxTokens });
  return run(generateFrom(model, lazyPrompts(n), { concurrency: serial ? 1 : concurrency }), onDone);
}

/** The same stand-in client through openAIChat's `client` option: what rxllm adds per request. */
export function overhead(_ctx, { n, concurrency, maxTokens = 16 }) {
  const model = openAIChat({ model: MODEL, client: instantOpenAIClient(), maxTokens });
  return run(generateFrom(model, lazyPrompts(n), { concurrency }));
}

export function stream(ctx, { headers, maxTokens }) {
  const model = chat(ctx, { headers, maxTokens });
  return countTextDeltas(model);
}

/** Unsubscribing is how an RxJS caller cancels (takeUntil, switchMap, take do the same). */
export function cancel(ctx, { headers, afterChunks, maxTokens, viaSignal }) {
  const model = chat(ctx, { headers, maxTokens });
  return new Promise((resolve) => {
    let chunks = 0;
    let t0 = 0;
    const ac = new AbortController();
    const settled = () => resolve({ settleMs: performance.now() - t0, t0 });
    const sub = model.stream('Tell a long story', viaSignal ? { signal: ac.signal } : undefined).subscribe({
      next: (e) => {
        if (e.type !== 'text-delta' || ++chunks !== afterChunks) return;
        t0 = performance.now();
        if (viaSignal) ac.abort(); // the caller settles when the AbortError arrives
        else {
          sub.unsubscribe();
          settled();
        }
      },
      error: settled,
      complete: settled,
    });
  });
}

export function scaleInstant(_ctx, { n, concurrency, onDone }) {
  return run(generateFrom(instantModel(), lazyPrompts(n), { concurrency }), onDone);
}

export function scaleSim(ctx, { n, concurrency, maxTokens = 16, onDone }) {
  return run(generateFrom(chat(ctx, { maxTokens }), lazyPrompts(n), { concurrency }), onDone);
}

export function anthropicStream(ctx, { headers, maxTokens }) {
  const model = anthropicMessages({ model: ANTHROPIC_MODEL, baseURL: ctx.simUrl, apiKey: API_KEY, headers, maxTokens });
  return countTextDeltas(model);
}

/** The README's big-batch recipe. */
export async function quota(ctx, { n, concurrency, maxTokens = 16, requestsPerSecond }) {
  const limiter = createRateLimiter({ requestsPerSecond });
  const limit = adaptiveConcurrency({ max: concurrency });
  let succeeded = 0;
  await lastValueFrom(
    generateFrom(chat(ctx, { maxTokens }), lazyPrompts(n), {
      concurrency: limit,
      rateLimit: limiter,
      retry: { maxAttempts: 6, maxRetryAfterMs: 10_000 },
      timeout: { firstToken: 20_000, total: 120_000 },
      errors: 'emit',
    }).pipe(tap((r) => isGenerationFailure(r) || succeeded++), count()),
  );
  return { succeeded };
}

/** Embeddings: `embedFrom` pulls the texts lazily and batches them; each value's vector is counted and dropped. */
export function embed(ctx, { n, batchSize, concurrency, onDone }) {
  const model = openAIEmbedding({ model: EMBEDDING_MODEL, baseURL: `${ctx.simUrl}/v1`, apiKey: API_KEY });
  return run(embedFrom(model, lazyTexts(n), { batchSize, concurrency }).pipe(tap((r) => { if (r.embedding.length === 0) throw new Error('an empty vector'); })), onDone);
}

/** Streams one long story from `model`; resolves with the number of text deltas. */
function countTextDeltas(model) {
  let chunks = 0;
  return new Promise((resolve, reject) =>
    model.stream('Tell a long story').subscribe({
      next: (e) => e.type === 'text-delta' && chunks++,
      error: reject,
      complete: () => resolve(chunks),
    }),
  );
}
