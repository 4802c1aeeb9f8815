/* global AbortController, performance, setTimeout, setInterval, clearInterval -- Node 20 globals */
// How long after an abort the AbortError arrives while a prompt waits inside `generate`: in a retry backoff,
// in a retry-after wait, in the rate limiter's queue. Real HTTP against the simulator; each wait would last
// 5 s (60 s for the limiter); the abort comes 300 ms into it. Needs the built dist (npm run build).
//
//   node abort-latency.mjs [--trials=20]
import { from } from 'rxjs';
import { createRateLimiter, generate, isGenerationFailure, openAIChat } from '../dist/esm/index.js';
import { startSimulator } from '../dist/esm/testing/index.js';

const trials = Number(/--trials=(\d+)/.exec(process.argv.slice(2).join(' '))?.[1] ?? 20);
const sim = await startSimulator();
const model = openAIChat({ model: 'gpt-4o-mini', apiKey: 'sk-bench', baseURL: sim.openaiBaseURL, maxTokens: 8 });

/** Runs `prompts` through generate with `options`; aborts 300 ms after `waiting()` holds; ms from abort to the AbortError. */
function once(prompts, options, ac, waiting) {
  return new Promise((resolve, reject) => {
    let abortedAt = 0;
    const settle = (error) => (error?.name === 'AbortError' ? resolve(performance.now() - abortedAt) : reject(error));
    from(prompts)
      .pipe(generate(model, { ...options, errors: 'emit' }))
      .subscribe({ next: (r) => isGenerationFailure(r) && settle(r.error), error: settle });
    const poll = setInterval(() => {
      if (!waiting()) return;
      clearInterval(poll);
      setTimeout(() => {
        abortedAt = performance.now();
        ac.abort();
      }, 300);
    }, 2);
  });
}

const cases = {
  backoff: async () => {
    sim.configure({ faults: [{ kind: 'server-error' }] });
    const ac = new AbortController();
    const before = sim.stats().requestsReceived;
    return once(['a'], { retry: { maxAttempts: 5, baseDelayMs: 5000, jitter: 'none' }, callOptions: { signal: ac.signal } }, ac, () => sim.stats().requestsReceived > before);
  },
  'retry-after': async () => {
    sim.configure({ faults: [{ kind: 'rate-limit', params: { retryAfterMs: 5000 } }] });
    const ac = new AbortController();
    const before = sim.stats().rateLimited;
    return once(['a'], { retry: 5, callOptions: { signal: ac.signal } }, ac, () => sim.stats().rateLimited > before);
  },
  'rate limiter queue': async () => {
    sim.configure({ faults: [] });
    const limiter = createRateLimiter({ requestsPerMinute: 1 });
    const ac = new AbortController();
    return once(['first', { input: 'queued', callOptions: { signal: ac.signal } }], { concurrency: 2, rateLimit: limiter }, ac, () => limiter.queued === 1);
  },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const [name, run] of Object.entries(cases)) {
  const ms = [];
  for (let i = 0; i < trials; i++) ms.push(await run());
  results[name] = { medianMs: +median(ms).toFixed(2), maxMs: +Math.max(...ms).toFixed(2), trials };
}
await sim.close();
console.log(JSON.stringify(results, null, 2));
