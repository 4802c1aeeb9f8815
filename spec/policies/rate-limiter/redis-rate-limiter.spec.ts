// redisRateLimiter against a real redis-server (spec/support/redis-server.ts): several limiter instances,
// each with its own connection, share one key as separate processes would. Rates are small so that the
// timings are long against timer jitter on a busy machine, and the whole file stays within a few seconds.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { firstValueFrom, lastValueFrom, map, merge, type Observable } from 'rxjs';
import { loadTokenizer } from '../../../src/policies/estimate-tokens.js';
import { createRateLimiter, type RateLimiter } from '../../../src/policies/rate-limiter/rate-limiter.js';
import { redisRateLimiter, type RedisRateLimiterOptions } from '../../../src/policies/rate-limiter/redis-rate-limiter.js';
import { REDIS_RATE_LIMITER_SCRIPT, REDIS_RATE_LIMITER_SHA } from '../../../src/policies/rate-limiter/redis-script.js';
import { describeWithRedis, startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { invalidArgumentOf } from '../../support/invalid-argument.js';

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

/** The most times inside any window of `windowMs`. */
const maxInWindow = (times: readonly number[], windowMs: number): number =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Timing: a grant is never earlier than its slot, but may be later (timers and replies on a busy machine),
// so local times are checked with a margin for lateness (LATE_MS), and the exact schedule is read from Redis.
const LATE_MS = 25;

describeWithRedis('redisRateLimiter (real Redis)', () => {
  let server: RedisServer;
  const clients: Redis[] = [];
  let keyIndex = 0;
  let key: string;
  /** A connected ioredis client: one per "process", plus one to look at the state. */
  const client = async (): Promise<Redis> => {
    const c = new Redis(server.url);
    clients.push(c);
    await c.ping();
    return c;
  };
  let look: Redis;
  const limiter = async (options: Partial<RedisRateLimiterOptions> = {}) =>
    redisRateLimiter({ redis: await client(), key, requestsPerSecond: 20, ...options });
  /** Redis's clock, in ms. */
  const redisNow = async (): Promise<number> => {
    const [s, us] = await look.time();
    return Number(s) * 1000 + Number(us) / 1000;
  };
  /** A field of the shared state, as a number (NaN when absent). */
  const field = async (name: string): Promise<number> => Number((await look.hget(key, name)) ?? NaN);
  /** Waits until `check` holds (a fire-and-forget update has reached Redis). */
  const until = async (check: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + 5000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out waiting for Redis');
      await sleep(2);
    }
  };

  beforeAll(async () => {
    server = await startRedisServer();
    look = await client();
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
    const [a, b] = [await limiter(), await limiter()]; // 20/s: one every 50 ms
    const before = await redisNow();
    const grants: [string, number][] = [];
    await lastValueFrom(
      merge(acquireAll(a, ['a0', 'a1', 'a2', 'a3', 'a4']), acquireAll(b, ['b0', 'b1', 'b2', 'b3', 'b4'])).pipe(map((g) => grants.push(g))),
    );
    const times = grants.map(([, t]) => t);
    expect(grants.map(([l]) => l).sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4']);
    // The shared schedule: 10 slots of 50 ms from the first reservation on.
    const tat = await field('rps');
    expect(tat - before).toBeGreaterThanOrEqual(10 * 50);
    expect(tat - before).toBeLessThan(10 * 50 + 100);
    // Locally: 9 spacings of 50 ms between the first and the last admission, whichever process.
    expect(times[9]! - times[0]!).toBeGreaterThanOrEqual(9 * 50 - LATE_MS);
    expect(maxInWindow(times, 100)).toBeLessThanOrEqual(3);
  });

  it('is first come, first served across instances: a later request of another process waits its turn', async () => {
    const [a, b] = [await limiter({ requestsPerSecond: 10 }), await limiter({ requestsPerSecond: 10 })];
    const order: string[] = [];
    const first = lastValueFrom(acquireAll(a, ['a0', 'a1', 'a2', 'a3']).pipe(map(([l]) => order.push(l))));
    while (order.length === 0) await sleep(2); // a0 granted: a's four calls, sent together, are reserved
    await firstValueFrom(b.acquire().pipe(map(() => order.push('b0'))));
    await first;
    expect(order).toEqual(['a0', 'a1', 'a2', 'a3', 'b0']);
  });

  it('processes starting together do not burst: three instances x 4 at once are spaced like one', async () => {
    const [a, b, c] = [await limiter(), await limiter(), await limiter()];
    const before = await redisNow();
    const grants: number[] = [];
    await lastValueFrom(
      merge(acquireAll(a, ['a', 'a', 'a', 'a']), acquireAll(b, ['b', 'b', 'b', 'b']), acquireAll(c, ['c', 'c', 'c', 'c'])).pipe(
        map(([, t]) => grants.push(t)),
      ),
    );
    expect(grants).toHaveLength(12);
    expect((await field('rps')) - before).toBeGreaterThanOrEqual(12 * 50); // one schedule: 12 slots of 50 ms
    // Per-process limiters would let all 12 go at once; here at most 200/50 + 1 in any 200 ms (+1 for a late timer).
    expect(maxInWindow(grants, 200)).toBeLessThanOrEqual(6);
    expect(grants[11]! - grants[0]!).toBeGreaterThanOrEqual(11 * 50 - LATE_MS);
  });

  it('burst: a quiet quota lets `burst` requests start at once, then the rate holds', async () => {
    const [a, b] = [await limiter({ burst: 3 }), await limiter({ burst: 3 })];
    const before = await redisNow();
    const grants: number[] = [];
    await lastValueFrom(merge(acquireAll(a, ['a', 'a', 'a']), acquireAll(b, ['b', 'b'])).pipe(map(([, t]) => grants.push(t))));
    expect(grants[2]! - grants[0]!).toBeLessThan(45); // the first three together
    expect(grants[4]! - grants[0]!).toBeGreaterThanOrEqual(2 * 50 - LATE_MS); // then one every 50 ms
    // 5 requests = 250 ms of schedule, of which 3 slots (150 ms) were the burst allowance
    expect((await field('rps')) - before).toBeGreaterThanOrEqual(250);
  });

  it('penalize: a 429 seen by one process pauses the others (capped by maxPenaltyMs)', async () => {
    const [a, b] = [await limiter(), await limiter()];
    a.penalize(300);
    await until(async () => !Number.isNaN(await field('pause')));
    const t0 = performance.now();
    await firstValueFrom(b.acquire());
    expect(performance.now() - t0).toBeGreaterThanOrEqual(300 - 60); // the pause, less the time to see it set

    key = `${key}-capped`;
    const [c, d] = [await limiter({ maxPenaltyMs: 100 }), await limiter({ maxPenaltyMs: 100 })];
    const before = await redisNow();
    c.penalize(10_000);
    await until(async () => !Number.isNaN(await field('pause')));
    expect((await field('pause')) - before).toBeLessThan(100 + 50);
    await firstValueFrom(d.acquire());
  });

  it('a pause set while a process waits for its reserved slot holds that request back too', async () => {
    const [a, b] = [await limiter({ requestsPerSecond: 10 }), await limiter({ requestsPerSecond: 10 })];
    await firstValueFrom(a.acquire()); // the next slot is 100 ms away
    const t0 = performance.now();
    const waiting = firstValueFrom(a.acquire()); // reserved for ~100 ms from now
    b.penalize(400); // another process sees a 429 meanwhile
    await until(async () => !Number.isNaN(await field('pause')));
    const later = firstValueFrom(a.acquire()); // a's next reply carries the pause
    await waiting;
    // the reserved slot fell inside the pause: the request took a new slot after it
    expect(performance.now() - t0).toBeGreaterThanOrEqual(400 - 50);
    await later;
  });

  it("a process's own penalize holds back its requests already waiting for a slot", async () => {
    const a = await limiter({ requestsPerSecond: 10 });
    await firstValueFrom(a.acquire());
    const t0 = performance.now();
    const waiting = firstValueFrom(a.acquire()); // reserved for ~100 ms from now
    await sleep(10);
    a.penalize(300);
    await waiting;
    expect(performance.now() - t0).toBeGreaterThanOrEqual(300);
  });

  it('a process held up past its slots (a blocked event loop) sends at most 250 ms worth at once', async () => {
    const a = await limiter(); // 20/s: slots 50 ms apart
    const grants: number[] = [];
    const all = lastValueFrom(acquireAll(a, Array(16).fill('a')).pipe(map(([, t]) => grants.push(t))));
    while (grants.length === 0) await sleep(2); // the first went: all 16 are reserved, over the next 750 ms
    const until = performance.now() + 600;
    while (performance.now() < until); // blocked: the slots of the next 600 ms pass unused
    const resumedAt = performance.now();
    await all;
    const atOnce = grants.filter((t) => t >= resumedAt && t < resumedAt + 20).length;
    // Without the bound, the ~12 requests whose slots passed would all go now; with it, 250 ms' worth (~5).
    expect(atOnce).toBeLessThanOrEqual(7);
    expect(grants).toHaveLength(16);
  });

  it('reconcile: tokens given back are shared at once; extra tokens are a shared debt', async () => {
    // 60,000 tokens/min = 1 token/ms, 100 tokens at once
    const tokens = { requestsPerSecond: undefined, tokensPerMinute: 60_000, tokenBurst: 100 };
    const [a, b] = [await limiter(tokens), await limiter(tokens)];
    await firstValueFrom(a.acquire(100)); // the bucket is empty: its TAT is ~100 ms ahead
    const spent = await field('tpm');
    a.reconcile(100, 0); // the call used none: all back
    await until(async () => (await field('tpm')) < spent);
    const t0 = performance.now();
    await firstValueFrom(b.acquire(100));
    expect(performance.now() - t0).toBeLessThan(60); // without the refund: ~100 ms

    const before = await field('tpm');
    a.reconcile(100, 400); // b's call used 300 more than estimated: a debt of 300 tokens
    await until(async () => (await field('tpm')) > before);
    expect((await field('tpm')) - before).toBeCloseTo(300, 0);
    const t1 = performance.now();
    await firstValueFrom(a.acquire(100));
    expect(performance.now() - t1).toBeGreaterThanOrEqual(300 - 60);
  });

  it('unsubscribing while waiting for a slot ends at once, emits nothing, and gives the slot back', async () => {
    const [a, b] = [await limiter({ requestsPerSecond: 4 }), await limiter({ requestsPerSecond: 4 })]; // one every 250 ms
    await firstValueFrom(a.acquire());
    const emitted: number[] = [];
    const sub = a.acquire().subscribe((n) => emitted.push(n)); // reserved for ~250 ms from now
    await until(async () => (await field('rps')) - (await redisNow()) > 300); // two slots reserved
    expect(a.queued).toBe(1);
    const reserved = await field('rps');
    sub.unsubscribe();
    expect(a.queued).toBe(0);
    await until(async () => (await field('rps')) < reserved); // given back
    expect(reserved - (await field('rps'))).toBeCloseTo(250, 3);
    await firstValueFrom(b.acquire()); // b takes the given-back slot
    await sleep(300);
    expect(emitted).toEqual([]);
  });

  it('unsubscribing before Redis answers sends nothing and gives the reserved slot back', async () => {
    const [a, b] = [await limiter({ requestsPerSecond: 4 }), await limiter({ requestsPerSecond: 4 })];
    const emitted: number[] = [];
    a.acquire().subscribe((n) => emitted.push(n)).unsubscribe(); // the script call is on its way
    expect(a.queued).toBe(0);
    await until(async () => {
      const tat = await field('rps');
      return !Number.isNaN(tat) && tat <= (await redisNow()); // reserved, then given back: no slot is taken
    });
    const t0 = performance.now();
    await firstValueFrom(b.acquire());
    expect(performance.now() - t0).toBeLessThan(100);
    expect(emitted).toEqual([]);
  });

  it('acquire emits the tokens asked for once, then completes (as createRateLimiter does)', async () => {
    const emitted: number[] = [];
    await lastValueFrom((await limiter({ tokensPerMinute: 60_000 })).acquire(7).pipe(map((n) => emitted.push(n))));
    expect(emitted).toEqual([7]);
  });

  it('keeps its state in one hash that expires when the quota goes idle', async () => {
    const a = await limiter({ tokensPerMinute: 60_000 });
    await firstValueFrom(a.acquire(10));
    a.penalize(50);
    await until(async () => !Number.isNaN(await field('pause')));
    expect(await look.type(key)).toBe('hash');
    const fields = Object.keys(await look.hgetall(key)).sort();
    expect(fields.filter((f) => !f.startsWith('p:'))).toEqual(['pause', 'rps', 'tpm']);
    expect(fields.filter((f) => f.startsWith('p:'))).toHaveLength(1);
    const ttl = await look.pttl(key);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(61_000);
  });

  it('one script call per acquisition; a flushed script cache (a restarted Redis) costs one reload', async () => {
    const a = await limiter({ requestsPerSecond: 1000 });
    await look.config('RESETSTAT');
    await lastValueFrom(merge(...Array.from({ length: 10 }, () => a.acquire())));
    await look.script('FLUSH');
    await firstValueFrom(a.acquire());
    const stats = await look.info('commandstats');
    const calls = (name: string) => Number(new RegExp(`cmdstat_${name}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
    expect(calls('eval') + calls('evalsha')).toBe(11 + 1); // 11 acquisitions, the last one sent again as EVAL after NOSCRIPT
  });

  it('a key of another type is a ConfigurationError (never worked around by the fallback)', async () => {
    await look.set(key, 'not a hash');
    const warnings: string[] = [];
    const a = await limiter({ onWarning: (m) => warnings.push(m) });
    await expect(firstValueFrom(a.acquire())).rejects.toMatchObject({ name: 'ConfigurationError', code: 'rate_limiter_misconfigured' });
    expect(warnings).toEqual([]);
  });
});
