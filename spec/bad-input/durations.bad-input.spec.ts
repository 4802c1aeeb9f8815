import { Subscription, asyncScheduler, type SchedulerAction, type SchedulerLike } from 'rxjs';
import * as rxllm from '../../src/index.js';
import { fakeModel, instantModel, startSimulator } from '../../src/testing/index.js';
import { parseRunFlags } from '../../src/cli/run-flags.js';
import { UsageError } from '../../src/cli/cli-io.js';
import { expectInvalid } from '../support/invalid-argument.js';

// Node (and browsers, and RxJS's asyncScheduler on top of them) fire a timer longer than 2^31 − 1 ms after
// about 1 ms. Every duration a user sets is therefore bounded: a finite value above MAX_TIMER_MS is an
// InvalidArgumentError (Infinity stays allowed where it means "off"); a duration from a server or computed
// internally (retry-after, penalties, token debts) is clamped where it becomes a timer.

const TOO_LONG = 2 ** 31; // one more than the longest timer
const LONGEST = 2 ** 31 - 1;

describe('MAX_TIMER_MS', () => {
  it('is 2^31 − 1 ms, exported for callers', () => {
    expect(rxllm.MAX_TIMER_MS).toBe(LONGEST);
  });
});

describe('durations a user sets above MAX_TIMER_MS are rejected, naming the option', () => {
  const m = instantModel();
  const limiter = (o: object) => rxllm.createRateLimiter({ requestsPerSecond: 1, ...o });
  it.each<[string, (ms: number) => unknown, string]>([
    ['timeoutGeneration(n)', (ms) => rxllm.timeoutGeneration(ms), 'options'],
    ['timeoutGeneration firstToken', (ms) => rxllm.timeoutGeneration({ firstToken: ms }), 'firstToken'],
    ['timeoutGeneration idle', (ms) => rxllm.timeoutGeneration({ idle: ms }), 'idle'],
    ['timeoutGeneration total', (ms) => rxllm.timeoutGeneration({ total: ms }), 'total'],
    ['retryGeneration baseDelayMs', (ms) => rxllm.retryGeneration({ baseDelayMs: ms }), 'baseDelayMs'],
    ['retryGeneration maxDelayMs', (ms) => rxllm.retryGeneration({ maxDelayMs: ms }), 'maxDelayMs'],
    ['retryGeneration maxRetryAfterMs', (ms) => rxllm.retryGeneration({ maxRetryAfterMs: ms }), 'maxRetryAfterMs'],
    ['retryGeneration maxTotalTimeMs', (ms) => rxllm.retryGeneration({ maxTotalTimeMs: ms }), 'maxTotalTimeMs'],
    ['generate timeout', (ms) => rxllm.generate(m, { timeout: ms }), 'timeout'],
    ['generate timeout.idle', (ms) => rxllm.generate(m, { timeout: { idle: ms } }), 'timeout.idle'],
    ['generate retry.maxDelayMs', (ms) => rxllm.generate(m, { retry: { maxDelayMs: ms } }), 'retry.maxDelayMs'],
    ['generateAll timeout', (ms) => rxllm.generateAll(m, ['a'], { timeout: ms }), 'timeout'],
    ['createRateLimiter maxPenaltyMs', (ms) => limiter({ maxPenaltyMs: ms }), 'maxPenaltyMs'],
    ['adaptiveConcurrency cooldownMs', (ms) => rxllm.adaptiveConcurrency({ cooldownMs: ms }), 'cooldownMs'],
    ['openAIChat timeout', (ms) => rxllm.openAIChat({ model: 'x', apiKey: 'k', timeout: ms }), 'timeout'],
    ['openAICompletion timeout', (ms) => rxllm.openAICompletion({ model: 'x', apiKey: 'k', timeout: ms }), 'timeout'],
    ['anthropicMessages timeout', (ms) => rxllm.anthropicMessages({ model: 'x', apiKey: 'k', timeout: ms }), 'timeout'],
    ['fakeModel latency', (ms) => fakeModel({ text: 'x', latency: ms }), 'script.latency'],
    ['fakeModel tokenInterval', (ms) => fakeModel({ text: 'x', tokenInterval: ms }), 'script.tokenInterval'],
  ])('%s', (_what, make, argument) => {
    const e = expectInvalid(() => make(TOO_LONG), argument);
    expect(e.message).toContain(String(LONGEST));
    expect(() => make(LONGEST)).not.toThrow();
  });

  it.each<[string, (ms: number) => unknown]>([
    ['timeoutGeneration(n)', (ms) => rxllm.timeoutGeneration(ms)],
    ['timeoutGeneration idle', (ms) => rxllm.timeoutGeneration({ idle: ms })],
    ['retryGeneration maxRetryAfterMs', (ms) => rxllm.retryGeneration({ maxRetryAfterMs: ms })],
    ['retryGeneration maxTotalTimeMs', (ms) => rxllm.retryGeneration({ maxTotalTimeMs: ms })],
    ['createRateLimiter maxPenaltyMs', (ms) => rxllm.createRateLimiter({ requestsPerSecond: 1, maxPenaltyMs: ms })],
    ['fakeModel latency (a reply that never comes)', (ms) => fakeModel({ text: 'x', latency: ms })],
  ])('%s still takes Infinity ("off")', (_what, make) => {
    expect(() => make(Infinity)).not.toThrow();
  });

  it('the simulator rejects a latency it could not wait', async () => {
    await expect(startSimulator({ latencyMs: TOO_LONG })).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'latencyMs' });
    const sim = await startSimulator();
    try {
      expect(() => sim.configure({ faults: [{ kind: 'stall', params: { ms: TOO_LONG } }] })).toThrow(rxllm.InvalidArgumentError);
    } finally {
      await sim.close();
    }
  });

  it.each(['--timeout', '--retry-delay', '--simulator-latency'])('rxllm run %s rejects a duration above MAX_TIMER_MS', (flag) => {
    const run = (ms: number) => parseRunFlags(['in.jsonl', '--simulator', flag, String(ms)]);
    expect(() => run(TOO_LONG)).toThrow(UsageError);
    expect(() => run(TOO_LONG)).toThrow(String(LONGEST));
    expect(run(LONGEST)).not.toBe('help');
  });

  it('a cache TTL is compared with the clock, never timed: any length is fine', () => {
    let now = 0;
    const store = new rxllm.LruCacheStore({ ttlMs: 2 ** 40, now: () => now });
    store.set('k', { kind: 'generate', generation: {} as never });
    now = 2 ** 39;
    expect(store.get('k')).toBeDefined();
  });
});

/** A scheduler that records the delays it is asked for; a delay over 1 s is recorded and never run. */
function recordingScheduler(): SchedulerLike & { readonly delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    now: () => asyncScheduler.now(),
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
      delays.push(delay);
      return delay > 1000 ? new Subscription() : asyncScheduler.schedule(work, delay, state);
    },
  };
}

describe('durations from servers or computed internally are clamped where they become timers', () => {
  it('retryDelay caps a retry-after at MAX_TIMER_MS even when maxRetryAfterMs is Infinity', () => {
    const e = new rxllm.RateLimitError('slow down', { retryAfterMs: 10 ** 12 });
    expect(rxllm.retryDelay(1, undefined, e, { maxRetryAfterMs: Infinity })).toBe(LONGEST);
  });

  it('the rate limiter never asks for a timer longer than MAX_TIMER_MS (a huge penalty, a huge token debt)', () => {
    const scheduler = recordingScheduler();
    const paused = rxllm.createRateLimiter({ requestsPerSecond: 1000, maxPenaltyMs: Infinity, scheduler });
    paused.penalize(10 ** 12);
    const a = paused.acquire().subscribe();
    const indebted = rxllm.createRateLimiter({ tokensPerMinute: 1, scheduler });
    const b = indebted.acquire(10 ** 12).subscribe(); // admitted into debt
    const c = indebted.acquire(10).subscribe(); // waits out a debt of ~10^12 minutes
    try {
      expect(scheduler.delays.length).toBeGreaterThan(0);
      expect(Math.max(...scheduler.delays)).toBeLessThanOrEqual(LONGEST);
      expect(Math.max(...scheduler.delays)).toBeGreaterThan(1000); // still a long wait, not a spin
    } finally {
      [a, b, c].forEach((s) => s.unsubscribe());
    }
  });
});
