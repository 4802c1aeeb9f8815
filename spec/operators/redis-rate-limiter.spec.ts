// redisRateLimiter against a real redis-server (spec/support/redis-server.ts): several limiter instances,
// each with its own connection, share one key as separate processes would. Rates are small so that the
// timings are long against timer jitter on a busy machine, and the whole file stays within a few seconds.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { firstValueFrom, lastValueFrom, map, merge, type Observable } from 'rxjs';
import { loadTokenizer } from '../../src/operators/estimate-tokens.js';
import { createRateLimiter, type RateLimiter } from '../../src/operators/rate-limiter.js';
import { redisRateLimiter, type RedisRateLimiterOptions } from '../../src/operators/redis-rate-limiter.js';
import { REDIS_RATE_LIMITER_SCRIPT, REDIS_RATE_LIMITER_SHA } from '../../src/operators/redis-rate-limiter-script.js';
import { describeWithRedis, startRedisServer, type RedisServer } from '../support/redis-server.js';
import { invalidArgumentOf } from './policy-fixtures.js';

const URL_ = 'redis://127.0.0.1:6379';
const fakeClient = { evalsha: async () => [], eval: async () => [] };

describe('redisRateLimiter options', () => {
  const make = (options: object) => () => redisRateLimiter(options as RedisRateLimiterOptions);

  it('rejects unknown or misspelt option names, suggesting the right one', () => {
    expect(invalidArgumentOf(make({ redis: URL_, key: 'q', requestPerSecond: 5 }))).toBe('options.requestPerSecond');
    expect(() => make({ redis: URL_, key: 'q', requestPerSecond: 5 })()).toThrow(/did you mean "requestsPerSecond"/);
    expect(invalidArgumentOf(make({ redis: URL_, key: 'q', requestsPerSecond: 5, scheduler: {} }))).toBe('options.scheduler');
  });

  it('rejects a missing or bad redis, a missing key, bad numbers and bad modes, at once', () => {
    expect(invalidArgumentOf(make({ key: 'q', requestsPerSecond: 5 }))).toBe('redis');
    expect(invalidArgumentOf(make({ redis: 'http://localhost', key: 'q', requestsPerSecond: 5 }))).toBe('redis');
    expect(invalidArgumentOf(make({ redis: 'not a url', key: 'q', requestsPerSecond: 5 }))).toBe('redis');
    expect(invalidArgumentOf(make({ redis: { get: () => 1 }, key: 'q', requestsPerSecond: 5 }))).toBe('redis');
    expect(invalidArgumentOf(make({ redis: URL_, requestsPerSecond: 5 }))).toBe('key');
    expect(invalidArgumentOf(make({ redis: URL_, key: '', requestsPerSecond: 5 }))).toBe('key');
    expect(invalidArgumentOf(make({ redis: URL_, key: 'q' }))).toBe('options');
    expect(invalidArgumentOf(make({ redis: URL_, key: 'q', requestsPerSecond: 0 }))).toBe('requestsPerSecond');
    expect(invalidArgumentOf(make({ redis: URL_, key: 'q', requestsPerSecond: 5, burst: 0.5 }))).toBe('burst');
    expect(invalidArgumentOf(make({ redis: URL_, key: 'q', requestsPerSecond: 5, timeoutMs: 0 }))).toBe('timeoutMs');
    expect(invalidArgumentOf(make({ redis: URL_, key: 'q', requestsPerSecond: 5, processes: 1.5 }))).toBe('processes');
    expect(invalidArgumentOf(make({ redis: URL_, key: 'q', requestsPerSecond: 5, onRedisError: 'ignore' }))).toBe('onRedisError');
    expect(invalidArgumentOf(make({ redis: URL_, key: 'q', requestsPerSecond: 5, onWarning: 'log' }))).toBe('onWarning');
    expect(invalidArgumentOf(() => redisRateLimiter({ redis: fakeClient, key: 'q', requestsPerSecond: 5 }).acquire(-1))).toBe('tokens');
  });

  it('never shows the password of a redis URL in an argument error', () => {
    for (const redis of ['redis://:hunter2-secret-pw@localhost:1', 'http://:hunter2-secret-pw@localhost:1']) {
      const error = (() => {
        try {
          make({ redis, key: 'q', requestsPerSecond: 5, burst: 0 })();
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error?.name).toBe('InvalidArgumentError');
      expect(`${error?.message} ${error?.stack}`).not.toContain('hunter2');
    }
  });

  it('estimates tokens exactly as createRateLimiter does (0 without a token limit)', async () => {
    await loadTokenizer();
    const request = { input: 'Hello there, how are you?', maxTokens: 50 };
    const shared = redisRateLimiter({ redis: fakeClient, key: 'q', tokensPerMinute: 10_000, defaultCompletionTokens: 99 });
    const local = createRateLimiter({ tokensPerMinute: 10_000, defaultCompletionTokens: 99 });
    expect(shared.estimate(request)).toBe(local.estimate(request));
    expect(shared.estimate({ input: 'Hi' })).toBe(local.estimate({ input: 'Hi' }));
    expect(shared.limitsTokens).toBe(true);
    expect(redisRateLimiter({ redis: fakeClient, key: 'q', requestsPerSecond: 5 }).estimate(request)).toBe(0);
  });

  it('the script SHA constant is the SHA-1 of the script', () => {
    expect(createHash('sha1').update(REDIS_RATE_LIMITER_SCRIPT).digest('hex')).toBe(REDIS_RATE_LIMITER_SHA);
  });
});

/** Acquisitions made at once on `limiter`, each emitting `label` and the time it was granted. */
const acquireAll = (limiter: RateLimiter, labels: readonly string[], tokens = 0): Observable<[string, number]> =>
  merge(...labels.map((label) => limiter.acquire(tokens).pipe(map(() => [label, performance.now()] as [string, number]))));

/** Gaps between consecutive times. */
const gaps = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - times[i]!);

describeWithRedis('redisRateLimiter (real Redis)', () => {
  let server: RedisServer;
  const clients: Redis[] = [];
  let keyIndex = 0;
  let key: string;
  /** One ioredis client per "process". */
  const client = (): Redis => {
    const c = new Redis(server.url);
    clients.push(c);
    return c;
  };
  const limiter = (options: Partial<RedisRateLimiterOptions> = {}) =>
    redisRateLimiter({ redis: client(), key, requestsPerSecond: 20, ...options });

  beforeAll(async () => {
    server = await startRedisServer();
    await loadTokenizer();
  }, 20_000);
  beforeEach(() => {
    key = `spec-quota-${++keyIndex}`;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
    await server?.stop();
  });

  it('two instances sharing a key: admissions are evenly spaced at the shared rate, whoever asks', async () => {
    const [a, b] = [limiter(), limiter()]; // 20/s: one every 50 ms
    const grants: [string, number][] = [];
    await lastValueFrom(
      merge(acquireAll(a, ['a0', 'a1', 'a2', 'a3', 'a4']), acquireAll(b, ['b0', 'b1', 'b2', 'b3', 'b4'])).pipe(map((g) => grants.push(g))),
    );
    const times = grants.map(([, t]) => t);
    expect(grants.map(([l]) => l).sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4']);
    // 10 admissions at 20/s with no burst: 9 spacings of 50 ms (timers fire on time or late, never early)
    expect(times[9]! - times[0]!).toBeGreaterThanOrEqual(9 * 50 - 5);
    expect(times[9]! - times[0]!).toBeLessThan(9 * 50 + 400);
    expect(Math.min(...gaps(times))).toBeGreaterThan(20); // never two at once
  });

  it('is first come, first served across instances: a later request of another process waits its turn', async () => {
    const [a, b] = [limiter({ requestsPerSecond: 10 }), limiter({ requestsPerSecond: 10 })];
    const order: string[] = [];
    const first = lastValueFrom(acquireAll(a, ['a0', 'a1', 'a2', 'a3']).pipe(map(([l]) => order.push(l))));
    await new Promise((resolve) => setTimeout(resolve, 30)); // a's four are reserved in Redis by now
    await firstValueFrom(b.acquire().pipe(map(() => order.push('b0'))));
    await first;
    expect(order).toEqual(['a0', 'a1', 'a2', 'a3', 'b0']);
  });

  it('processes starting together do not burst: three instances x 4 at once are spaced like one', async () => {
    const [a, b, c] = [limiter(), limiter(), limiter()];
    const grants: number[] = [];
    await lastValueFrom(
      merge(acquireAll(a, ['a', 'a', 'a', 'a']), acquireAll(b, ['b', 'b', 'b', 'b']), acquireAll(c, ['c', 'c', 'c', 'c'])).pipe(
        map(([, t]) => grants.push(t)),
      ),
    );
    expect(grants).toHaveLength(12);
    // In any 200 ms window at most 200/50 + 1 = 5 admissions (a local limiter would allow 12 at once per process).
    for (const t of grants) expect(grants.filter((u) => u >= t && u < t + 200).length).toBeLessThanOrEqual(5);
    expect(grants[11]! - grants[0]!).toBeGreaterThanOrEqual(11 * 50 - 5);
  });

  it('burst: a quiet quota lets `burst` requests start at once, then the rate holds', async () => {
    const [a, b] = [limiter({ burst: 3 }), limiter({ burst: 3 })];
    const grants: number[] = [];
    await lastValueFrom(merge(acquireAll(a, ['a', 'a', 'a']), acquireAll(b, ['b', 'b'])).pipe(map(([, t]) => grants.push(t))));
    expect(grants[2]! - grants[0]!).toBeLessThan(40); // the first three together
    expect(grants[4]! - grants[0]!).toBeGreaterThanOrEqual(2 * 50 - 5); // then one every 50 ms
  });

  it('penalize: a 429 seen by one process pauses the others (capped by maxPenaltyMs)', async () => {
    const [a, b] = [limiter(), limiter()];
    a.penalize(300);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the pause has reached Redis
    const t0 = performance.now();
    await firstValueFrom(b.acquire());
    expect(performance.now() - t0).toBeGreaterThanOrEqual(250);

    key = `${key}-capped`;
    const [c, d] = [limiter({ maxPenaltyMs: 100 }), limiter({ maxPenaltyMs: 100 })];
    c.penalize(10_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const t1 = performance.now();
    await firstValueFrom(d.acquire());
    expect(performance.now() - t1).toBeLessThan(500);
  });

  it('a pause set while a process waits for its reserved slot holds that request back too', async () => {
    const [a, b] = [limiter({ requestsPerSecond: 10 }), limiter({ requestsPerSecond: 10 })];
    await firstValueFrom(a.acquire()); // the next slot is 100 ms away
    const t0 = performance.now();
    const waiting = firstValueFrom(a.acquire()); // reserved for ~100 ms from now
    await new Promise((resolve) => setTimeout(resolve, 20));
    b.penalize(400); // another process sees a 429 meanwhile
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = firstValueFrom(a.acquire()); // a's next reply carries the pause
    await waiting;
    // the reserved slot fell inside the pause: the request took a new slot after it
    expect(performance.now() - t0).toBeGreaterThanOrEqual(400);
    await later;
  });

  it("a process's own penalize holds back its requests already waiting for a slot", async () => {
    const a = limiter({ requestsPerSecond: 10 });
    await firstValueFrom(a.acquire());
    const t0 = performance.now();
    const waiting = firstValueFrom(a.acquire()); // reserved for ~100 ms from now
    await new Promise((resolve) => setTimeout(resolve, 20));
    a.penalize(300);
    await waiting;
    expect(performance.now() - t0).toBeGreaterThanOrEqual(300);
  });

  it('a process held up past its slots (a blocked event loop) sends at most 250 ms worth at once', async () => {
    const a = limiter(); // 20/s: slots 50 ms apart
    const grants: number[] = [];
    const all = lastValueFrom(acquireAll(a, Array(16).fill('a')).pipe(map(([, t]) => grants.push(t))));
    await new Promise((resolve) => setTimeout(resolve, 30)); // all 16 reserved: slots over the next 750 ms
    const until = performance.now() + 600;
    while (performance.now() < until); // blocked: the slots of the next 600 ms pass unused
    const resumedAt = performance.now();
    await all;
    const atOnce = grants.filter((t) => t >= resumedAt && t < resumedAt + 20).length;
    // Without the bound, the ~12 requests whose slots passed would all go now; with it, 250 ms' worth (~5).
    expect(atOnce).toBeGreaterThanOrEqual(1);
    expect(atOnce).toBeLessThanOrEqual(7);
    expect(grants).toHaveLength(16);
  });

  it('reconcile: tokens given back are shared at once; extra tokens are a shared debt', async () => {
    // 60,000 tokens/min = 1 token/ms, 100 tokens at once
    const [a, b] = [limiter({ requestsPerSecond: undefined, tokensPerMinute: 60_000, tokenBurst: 100 }), limiter({ requestsPerSecond: undefined, tokensPerMinute: 60_000, tokenBurst: 100 })];
    await firstValueFrom(a.acquire(100)); // the bucket is empty
    a.reconcile(100, 0); // the call used none: all back
    await new Promise((resolve) => setTimeout(resolve, 20));
    const t0 = performance.now();
    await firstValueFrom(b.acquire(100));
    expect(performance.now() - t0).toBeLessThan(60); // without the refund: ~100 ms

    a.reconcile(100, 400); // b's call used 300 more than estimated: a debt of 300 tokens
    await new Promise((resolve) => setTimeout(resolve, 20));
    const t1 = performance.now();
    await firstValueFrom(a.acquire(100));
    expect(performance.now() - t1).toBeGreaterThanOrEqual(300);
  });

  it('unsubscribing while waiting for a slot ends at once, emits nothing, and gives the slot back', async () => {
    const [a, b] = [limiter({ requestsPerSecond: 4 }), limiter({ requestsPerSecond: 4 })]; // one every 250 ms
    await firstValueFrom(a.acquire());
    const emitted: number[] = [];
    const sub = a.acquire().subscribe((n) => emitted.push(n)); // reserved for ~250 ms from now
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(a.queued).toBe(1);
    sub.unsubscribe();
    expect(a.queued).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the release has reached Redis
    const t0 = performance.now();
    await firstValueFrom(b.acquire());
    // b takes the given-back slot (~200 ms from now), not the one after it (~450 ms)
    expect(performance.now() - t0).toBeLessThan(350);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(emitted).toEqual([]);
  });

  it('unsubscribing before Redis answers sends nothing and gives the reserved slot back', async () => {
    const [a, b] = [limiter({ requestsPerSecond: 4 }), limiter({ requestsPerSecond: 4 })];
    const emitted: number[] = [];
    a.acquire().subscribe((n) => emitted.push(n)).unsubscribe(); // the script call is on its way
    expect(a.queued).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const t0 = performance.now();
    await firstValueFrom(b.acquire());
    expect(performance.now() - t0).toBeLessThan(100); // the first slot was given back
    expect(emitted).toEqual([]);
  });

  it('acquire emits the tokens asked for once, then completes (as createRateLimiter does)', async () => {
    const emitted: number[] = [];
    await lastValueFrom(limiter({ tokensPerMinute: 60_000 }).acquire(7).pipe(map((n) => emitted.push(n))));
    expect(emitted).toEqual([7]);
  });

  it('keeps its state in one hash that expires when the quota goes idle', async () => {
    const a = limiter({ tokensPerMinute: 60_000 });
    await firstValueFrom(a.acquire(10));
    a.penalize(50);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const c = client();
    expect(await c.type(key)).toBe('hash');
    const fields = Object.keys(await c.hgetall(key)).sort();
    expect(fields.filter((f) => !f.startsWith('p:'))).toEqual(['pause', 'rps', 'tpm']);
    expect(fields.filter((f) => f.startsWith('p:'))).toHaveLength(1);
    const ttl = await c.pttl(key);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(61_000);
  });

  it('one script call per acquisition; a flushed script cache (a restarted Redis) costs one reload', async () => {
    const a = limiter({ requestsPerSecond: 1000 });
    const c = client();
    await c.config('RESETSTAT');
    await lastValueFrom(merge(...Array.from({ length: 10 }, () => a.acquire())));
    await c.script('FLUSH');
    await firstValueFrom(a.acquire());
    const stats = (await c.info('commandstats')) as string;
    const calls = (name: string) => Number(new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
    expect(calls('eval') + calls('evalsha')).toBe(11 + 1); // 11 acquisitions, the last one sent again as EVAL after NOSCRIPT
  });

  it('a key of another type is a ConfigurationError (never worked around by the fallback)', async () => {
    await client().set(key, 'not a hash');
    const warnings: string[] = [];
    const a = limiter({ onWarning: (m) => warnings.push(m) });
    await expect(firstValueFrom(a.acquire())).rejects.toMatchObject({ name: 'ConfigurationError', code: 'rate_limiter_misconfigured' });
    expect(warnings).toEqual([]);
  });
});
