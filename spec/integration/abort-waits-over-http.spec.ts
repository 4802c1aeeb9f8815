// A caller's signal ends every wait at once, over real HTTP against the simulator: a retry backoff, a
// retry-after, the rate limiter's queue. Before, the AbortError came only when the wait was over (seconds
// later) and, inside `generate`, the prompt kept its concurrency slot all that time.
import { performance } from 'node:perf_hooks';
import { from, type Observable } from 'rxjs';
import { createRateLimiter, generate, isGenerationFailure, openAIChat, rateLimit, retryGeneration } from '../../src/index.js';
import type { GenerateOutput } from '../../src/engine/generate-options.js';
import { useSharedSimulator } from '../support/shared-simulator.js';
import { KEY } from './integration-fixture.js';

const sim = useSharedSimulator();
const model = () => openAIChat({ model: 'gpt-4o-mini', apiKey: KEY, baseURL: sim().openaiBaseURL, maxTokens: 8 });

/** The wait the abort cuts short is at least this long: an AbortError well before it came at once. */
const WAIT_MS = 5000;
/** Generous for a busy 2-core machine; the measured latency is a few ms (see the README). */
const AT_ONCE_MS = 1000;

/**
 * Subscribes to `source`, aborts `ac` once `waiting()` holds (the wait has started) and 300 ms more have
 * passed, and resolves with the error and how long after the abort it arrived.
 */
function abortDuringWait(source: Observable<unknown>, ac: AbortController, waiting: () => boolean): Promise<{ error: unknown; latencyMs: number; outputs: unknown[] }> {
  return new Promise((resolve, reject) => {
    const outputs: unknown[] = [];
    let abortedAt = 0;
    const finish = (error: unknown) => resolve({ error, latencyMs: performance.now() - abortedAt, outputs });
    source.subscribe({
      next: (v) => {
        outputs.push(v);
        if (isGenerationFailure(v as GenerateOutput) && abortedAt > 0) finish((v as { error: unknown }).error);
      },
      error: finish,
      complete: () => (abortedAt === 0 ? reject(new Error('completed before the abort')) : undefined),
    });
    const poll = setInterval(() => {
      if (!waiting()) return;
      clearInterval(poll);
      setTimeout(() => {
        abortedAt = performance.now();
        ac.abort();
      }, 300);
    }, 5);
  });
}

describe('a signal ends a wait at once, over HTTP', () => {
  it('generate: during a retry backoff (500 from the server)', async () => {
    sim().configure({ faults: [{ kind: 'server-error' }] });
    const ac = new AbortController();
    const out$ = from(['a']).pipe(generate(model(), { retry: { maxAttempts: 5, baseDelayMs: WAIT_MS, jitter: 'none' }, callOptions: { signal: ac.signal } }));
    const { error, latencyMs } = await abortDuringWait(out$, ac, () => sim().stats().requestsCompleted + sim().stats().requestsAborted >= 1);
    expect(error).toMatchObject({ name: 'AbortError', code: 'aborted', provider: 'openai.chat' });
    expect(latencyMs).toBeLessThan(AT_ONCE_MS);
    await new Promise((r) => setTimeout(r, 100));
    expect(sim().stats().requestsReceived).toBe(1); // nothing sent after the abort
  });

  it("generate: during a retry-after wait (429, retry-after-ms 5000), with errors: 'emit'", async () => {
    sim().configure({ faults: [{ kind: 'rate-limit', params: { retryAfterMs: WAIT_MS } }] });
    const ac = new AbortController();
    const out$ = from([{ input: 'a', callOptions: { signal: ac.signal } }]).pipe(generate(model(), { retry: 5, errors: 'emit' }));
    const { error, latencyMs } = await abortDuringWait(out$, ac, () => sim().stats().rateLimited >= 1);
    expect(error).toMatchObject({ name: 'AbortError', code: 'aborted' });
    expect(latencyMs).toBeLessThan(AT_ONCE_MS);
    expect(sim().stats().requestsReceived).toBe(1);
  });

  it('generate: in the rate limiter queue; the slot is freed for the next prompt', async () => {
    const limiter = createRateLimiter({ requestsPerMinute: 1 }); // the second request would wait a minute
    const ac = new AbortController();
    const prompts = ['first', { input: 'queued', callOptions: { signal: ac.signal } }];
    const out$ = from(prompts).pipe(generate(model(), { concurrency: 2, rateLimit: limiter, errors: 'emit', withIndex: true }));
    const { error, latencyMs, outputs } = await abortDuringWait(out$, ac, () => limiter.queued === 1);
    expect(error).toMatchObject({ name: 'AbortError', code: 'aborted' });
    expect(latencyMs).toBeLessThan(AT_ONCE_MS);
    expect(outputs).toEqual([expect.objectContaining({ ok: true, index: 0 }), expect.objectContaining({ ok: false, index: 1, attempts: 0 })]);
    expect(limiter.queued).toBe(0);
    expect(sim().stats().requestsReceived).toBe(1);
  });

  it('standalone operators: the signal passed to retryGeneration and to the rate-limit request', async () => {
    sim().configure({ faults: [{ kind: 'server-error' }] });
    const ac = new AbortController();
    const limiter = createRateLimiter({ requestsPerSecond: 100 });
    const call$ = model()
      .generate('a', { signal: ac.signal })
      .pipe(rateLimit(limiter, { input: 'a', signal: ac.signal }), retryGeneration({ baseDelayMs: WAIT_MS, jitter: 'none', signal: ac.signal }));
    const { error, latencyMs } = await abortDuringWait(call$, ac, () => sim().stats().requestsCompleted >= 1);
    expect(error).toMatchObject({ name: 'AbortError', code: 'aborted' });
    expect(latencyMs).toBeLessThan(AT_ONCE_MS);
    expect(sim().stats().requestsReceived).toBe(1);
  });
});
