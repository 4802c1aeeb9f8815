import { formatFigures, runSoak, type SoakFigures } from './soak-runner.js';

// CI size of `npm run soak`: 2,000 prompts in 20 pipelines through generate with retryGeneration, a shared
// rate limiter, adaptiveConcurrency and timeouts, against the simulator injecting a seeded mix of 429s
// (retry-after honoured, retry-after past the cap, exhausted quota), 500s, Anthropic 529s, mid-stream error
// events, resets (before any byte and after 3 tokens), stalls and malformed chunks. About 15% of the
// pipelines are unsubscribed at a random moment.

let f: SoakFigures;
beforeAll(async () => {
  f = await runSoak({ prompts: 2_000, pipelines: 20, cancelShare: 0.15, requestsPerSecond: 400, seed: 7, warmup: 40 });
  console.log(`soak figures (CI size)\n${formatFigures(f)}`);
}, 120_000);

describe('soak under faults (CI size)', () => {
  it('accounts for every prompt exactly once: a generation, a typed failure, or cancelled with its pipeline', () => {
    expect(f.missing).toBe(0);
    expect(f.duplicates).toBe(0);
    expect(f.generated + f.failed + f.cancelled).toBe(f.prompts);
    expect(f.untypedFailures).toBe(0);
    expect(f.genericFailures).toEqual([]);
    expect(f.cancelledPipelines).toBeGreaterThan(0);
    expect([f.requestsAfterUnsubscribe, f.outputsAfterUnsubscribe]).toEqual([0, 0]);
    // Retries absorb most faults: failures are the rare prompts that met faults on every attempt, exhausted
    // quotas and stream failures after text arrived (and timeouts, on a very busy machine).
    expect(f.generated).toBeGreaterThan((f.prompts - f.cancelled) / 2);
  });

  it('injected every kind of fault, and retried', () => {
    for (const kind of ['rate-limit', 'server-error', 'overloaded', 'stream-error', 'reset', 'stall', 'malformed']) {
      expect([kind, f.faultsInjected[kind] ?? 0]).toEqual([kind, expect.any(Number)]);
      expect(f.faultsInjected[kind]).toBeGreaterThan(0);
    }
    expect(f.retries).toBeGreaterThan(0);
    expect(f.requestsReceived).toBeGreaterThan(f.generated);
  });

  it('leaves no unhandled rejection and no MaxListenersExceededWarning', () => {
    expect(f.unhandledRejections).toEqual([]);
    expect(f.maxListenersWarnings).toBe(0);
  });

  it('closes every connection, timer and handle it opened', () => {
    expect(f.openConnectionsAfter).toBe(0);
    for (const [kind, count] of Object.entries(f.handlesAfter)) {
      expect([kind, count]).toEqual([kind, Math.min(count, f.handlesBefore[kind] ?? 0)]);
    }
  });

  it('keeps the heap (after GC) within a small bound of the start', () => {
    expect(f.heapEndMB - f.heapStartMB).toBeLessThan(16);
  });
});
