// The generate pipelines of spec/operators (concurrency, order, errors: 'emit', retry, timeout), run by the
// real providers over real HTTP against the simulator, with scripted faults (deterministic `nth` rules).
import { from, type Subscription } from 'rxjs';
import { generate, openAIChat, OverloadedError, RateLimitError, type RetryInfo } from '../../src/index.js';
import type { GenerationOutcome } from '../../src/engine/generate-options.js';
import { startSimulator, type SimulatorHandle } from '../../src/testing/index.js';
import { collect, headerDroppingProxy, KEY, modelsFor, prompts, resetSim, waitUntil, watchInFlight } from './integration-fixture.js';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => resetSim(sim));

const fastRetry = (seen: RetryInfo[] = []) => ({ maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 20, onRetry: (i: RetryInfo) => seen.push(i) });
const errorNames = (seen: readonly RetryInfo[]) => seen.map((i) => (i.error as Error).name).sort();

describe.each(['chat', 'completion', 'messages'] as const)('generate over HTTP: %s', (route) => {
  it('concurrency 4 + ordered + errors: emit through a 500, a 503, an overload and a 429: every prompt answered, in order', async () => {
    sim.configure({
      latencyMs: 30,
      faults: [
        { kind: 'server-error', nth: 2 },
        { kind: 'unavailable', nth: 5 },
        { kind: 'overloaded', nth: 9 },
        { kind: 'rate-limit', params: { retryAfterMs: 40 }, nth: 13 },
      ],
    });
    const retries: RetryInfo[] = [];
    const watch = watchInFlight(sim);
    const out: GenerationOutcome[] = await collect(
      from(prompts(24)).pipe(generate(modelsFor(sim)[route], { concurrency: 4, ordered: true, withIndex: true, errors: 'emit', retry: fastRetry(retries) })),
    );
    const maxInFlight = watch.stop();

    expect(out.map((o) => o.index)).toEqual([...Array(24).keys()]);
    expect(out.filter((o) => !o.ok)).toEqual([]);
    expect(out.map((o) => o.input)).toEqual(prompts(24));
    const stats = sim.stats();
    expect(stats.faultsInjected).toMatchObject({ 'server-error': 1, unavailable: 1, overloaded: 1, 'rate-limit': 1 });
    expect(stats.requestsReceived).toBe(24 + 4); // one retry per fault
    expect(stats.rateLimited).toBe(1);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(maxInFlight).toBeGreaterThanOrEqual(2);
    expect(errorNames(retries)).toEqual(['OverloadedError', 'OverloadedError', 'RateLimitError', 'ServerError']);
    const overload = retries.map((i) => i.error).find((e) => e instanceof OverloadedError && e.statusCode !== 503);
    if (route === 'messages') expect(overload).toMatchObject({ statusCode: 529, code: 'overloaded_error' });
    else expect(overload).toBeUndefined(); // on OpenAI routes an overload is a 503
    // the 429 said retry-after-ms 40: waited exactly that (no backoff)
    expect(retries.find((i) => i.error instanceof RateLimitError)).toMatchObject({ delayMs: 40, rateLimit: 'wait' });
  });
});

describe('generate over HTTP: 429s', () => {
  const one = async (retryAfter: { retryAfterMs?: number; retryAfter?: number }) => {
    sim.configure({ faults: [{ kind: 'rate-limit', params: retryAfter, nth: 1 }] });
    const retries: RetryInfo[] = [];
    // a 5 s backoff if the retry-after were ignored
    const retry = { maxAttempts: 2, baseDelayMs: 5_000, jitter: 'none' as const, onRetry: (i: RetryInfo) => retries.push(i) };
    const startedAt = performance.now();
    const out = await collect(from(['Hi']).pipe(generate(modelsFor(sim).chat, { errors: 'emit', retry })));
    return { out, retries, elapsedMs: performance.now() - startedAt };
  };

  it('retry-after-ms: the retry waits exactly that long', async () => {
    const { out, retries, elapsedMs } = await one({ retryAfterMs: 300 });
    expect(out).toEqual([expect.objectContaining({ text: expect.any(String) })]);
    expect(retries).toEqual([expect.objectContaining({ delayMs: 300, rateLimit: 'wait' })]);
    expect(retries[0]!.error).toMatchObject({ name: 'RateLimitError', statusCode: 429, retryAfterMs: 300 });
    expect(elapsedMs).toBeGreaterThanOrEqual(295);
    expect(elapsedMs).toBeLessThan(3_000);
    expect(sim.stats()).toMatchObject({ requestsReceived: 2, rateLimited: 1 });
  });

  it('retry-after in seconds alone (a proxy drops retry-after-ms): the retry waits that many seconds', async () => {
    const proxy = await headerDroppingProxy(sim, ['retry-after-ms']);
    try {
      const raw = await fetch(`${proxy.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sim-fault': 'rate-limit; retry-after=1' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
      });
      await raw.text();
      expect([raw.status, raw.headers.get('retry-after'), raw.headers.get('retry-after-ms')]).toEqual([429, '1', null]);
      sim.resetStats();
      sim.configure({ faults: [{ kind: 'rate-limit', params: { retryAfter: 1 }, nth: 1 }] });
      const model = openAIChat({ model: 'gpt-4o-mini', apiKey: KEY, baseURL: `${proxy.url}/v1` });
      const retries: RetryInfo[] = [];
      const retry = { maxAttempts: 2, baseDelayMs: 5_000, jitter: 'none' as const, onRetry: (i: RetryInfo) => retries.push(i) };
      const startedAt = performance.now();
      const out = await collect(from(['Hi']).pipe(generate(model, { errors: 'emit', retry })));
      const elapsedMs = performance.now() - startedAt;
      expect(out).toEqual([expect.objectContaining({ text: expect.any(String) })]);
      expect(retries).toEqual([expect.objectContaining({ delayMs: 1_000, rateLimit: 'wait' })]);
      expect(retries[0]!.error).toMatchObject({ name: 'RateLimitError', retryAfterMs: 1_000 });
      expect(elapsedMs).toBeGreaterThanOrEqual(995);
      expect(elapsedMs).toBeLessThan(4_000);
    } finally {
      await proxy.close();
    }
  });

  it('an exhausted quota is never retried: that prompt becomes a failure record, the others go on', async () => {
    sim.configure({ faults: [{ kind: 'rate-limit', params: { type: 'quota' }, nth: 3 }, { kind: 'server-error', nth: 6 }] });
    const retries: RetryInfo[] = [];
    const out = await collect(
      from(prompts(8)).pipe(generate(modelsFor(sim).chat, { concurrency: 1, withIndex: true, errors: 'emit', retry: fastRetry(retries) })),
    );
    expect(out.map((o) => o.index)).toEqual([...Array(8).keys()]);
    const failures = out.filter((o) => !o.ok);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ index: 2, input: 'Prompt 2', error: { name: 'RateLimitError', quotaExceeded: true, statusCode: 429 } });
    expect(errorNames(retries)).toEqual(['ServerError']); // the 500 was retried, the quota was not
    expect(sim.stats().requestsReceived).toBe(8 + 1);
  });
});

describe('generate over HTTP: stalls and cancellation', () => {
  it('a stalled request is cut by the first-token timeout and retried', async () => {
    sim.configure({ faults: [{ kind: 'stall', params: { ms: 5_000, after: 0 }, nth: 2 }] });
    const retries: RetryInfo[] = [];
    const out = await collect(
      from(prompts(4)).pipe(
        generate(modelsFor(sim).messages, { concurrency: 2, errors: 'emit', timeout: { firstToken: 250 }, retry: fastRetry(retries) }),
      ),
    );
    expect(out.filter((o) => 'ok' in o)).toEqual([]); // no failure records
    expect(out).toHaveLength(4);
    expect(retries.map((i) => i.error)).toEqual([expect.objectContaining({ name: 'TimeoutError', timeout: 'first-token', timeoutMs: 250 })]);
    await waitUntil(() => sim.stats().requestsAborted === 1, 2_000, 'the stalled request to be aborted');
    expect(sim.stats()).toMatchObject({ requestsReceived: 5, faultsInjected: expect.objectContaining({ stall: 1 }) });
  });

  it('unsubscribing mid-run aborts every request in flight, starts no more, and leaves no connection open', async () => {
    sim.configure({ latencyMs: 2_000 });
    const seen: unknown[] = [];
    const subscription: Subscription = from(prompts(20))
      .pipe(generate(modelsFor(sim).chat, { concurrency: 5, errors: 'emit' }))
      .subscribe((v) => seen.push(v));
    await waitUntil(() => sim.stats().requestsReceived === 5, 3_000, '5 requests in flight');
    subscription.unsubscribe();
    await waitUntil(() => sim.stats().requestsAborted === 5, 2_000, 'the server to see 5 aborted requests');
    // undici keeps a spare connection ~4 s after an abort; the simulator reaps unused ones after 5 s
    await waitUntil(() => sim.stats().openConnections === 0, 7_500, 'no open connection');
    expect(sim.stats()).toMatchObject({ requestsReceived: 5, requestsCompleted: 0 });
    expect(seen).toEqual([]);
  }, 15_000);
});
