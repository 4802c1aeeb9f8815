// redisRateLimiter when Redis goes away: a real redis-server killed (SIGKILL) in the middle of a run, and one
// that never was there. Never a hang, never an unlimited burst: a local fallback at this process's share of
// the limits with one warning naming Redis (the default), or a typed, retryable error (`onRedisError: 'error'`).
import { firstValueFrom, lastValueFrom, map, mergeMap, range, tap, toArray } from 'rxjs';
import { redisRateLimiter, type RedisRateLimiter, type RedisRateLimiterOptions } from '../../../src/policies/rate-limiter/redis-rate-limiter.js';
import { describeWithRedis, freePort, startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { waitUntil } from '../../support/rx-helpers.js';

const PASSWORD = 'hunter2-redis-password';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Gaps between consecutive times. */
const gaps = (times: readonly number[]): number[] => times.slice(1).map((t, i) => t - times[i]!);

describeWithRedis('redisRateLimiter when Redis goes away', () => {
  let server: RedisServer;
  const limiters: RedisRateLimiter[] = [];
  const make = (options: Partial<RedisRateLimiterOptions>): RedisRateLimiter => {
    const limiter = redisRateLimiter({ redis: server.url, key: 'outage', requestsPerSecond: 20, timeoutMs: 300, ...options });
    limiters.push(limiter);
    return limiter;
  };

  beforeEach(async () => {
    server = await startRedisServer({ password: PASSWORD });
  }, 20_000);
  afterEach(async () => {
    await Promise.all(limiters.splice(0).map((l) => l.close()));
    await server.stop();
  });

  it('killed mid-run: every request still goes, locally at this process\'s share, with one warning; Redis is used again once back', async () => {
    const warnings: string[] = [];
    const limiter = make({ processes: 2, onWarning: (m) => warnings.push(m) }); // 20/s shared: 10/s alone
    const granted: number[] = [];
    let killed = false;
    const run = lastValueFrom(
      range(0, 30).pipe(
        mergeMap(() => limiter.acquire().pipe(tap(() => granted.push(performance.now()))), 4),
        tap(() => {
          if (granted.length === 10 && !killed) {
            killed = true;
            void server.kill();
          }
        }),
        toArray(),
      ),
    );
    await expect(run).resolves.toHaveLength(30);
    expect(limiter.mode).toBe('local');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/redisRateLimiter "outage" cannot reach Redis .*locally to 10 requests\/s \(1\/2 of the shared limits\)/);
    expect(warnings[0]).not.toContain(PASSWORD);
    // Through Redis: one every 50 ms. Locally, at 1/2 of the rate: one every 100 ms (no burst on the switch:
    // at most the requests whose slots were already reserved, plus one).
    // (Margins: timers may fire late on a busy machine, never early.)
    const local = granted.slice(15);
    expect(local[local.length - 1]! - local[0]!).toBeGreaterThanOrEqual((local.length - 1) * 100 - 25);
    expect(Math.min(...gaps(granted.slice(10)))).toBeGreaterThan(5); // never two at once

    await server.restart();
    await sleep(1200); // ioredis reconnects; the limiter tries Redis again once a second
    await lastValueFrom(range(0, 3).pipe(mergeMap(() => limiter.acquire())));
    expect(limiter.mode).toBe('redis');
    expect(warnings).toHaveLength(1);
  }, 20_000);

  it("onRedisError: 'error' — a killed Redis errors the acquisition with a retryable ConnectionError, soon, without the password", async () => {
    const limiter = make({ onRedisError: 'error' });
    await firstValueFrom(limiter.acquire());
    await server.kill();
    const t0 = performance.now();
    const error = await firstValueFrom(limiter.acquire()).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string; isRetryable?: boolean; toJSON(): object },
    );
    expect(performance.now() - t0).toBeLessThan(1000); // timeoutMs 300, or at once once the connection is known lost
    expect(error).toMatchObject({ name: 'ConnectionError', code: 'rate_limiter_unavailable', isRetryable: true });
    expect(error?.message).toMatch(/redisRateLimiter "outage": Redis is unreachable/);
    const everything = `${error?.message} ${error?.stack} ${JSON.stringify(error?.toJSON())} ${String((error?.cause as Error)?.message)}`;
    expect(everything).not.toContain(PASSWORD);
    expect(limiter.mode).toBe('redis');
  });

  it('Redis never reachable: requests go locally at the configured share from the start, with one warning', async () => {
    const warnings: string[] = [];
    const port = await freePort(); // nothing listens there
    const limiter = redisRateLimiter({ redis: `redis://127.0.0.1:${port}`, key: 'nowhere', requestsPerSecond: 40, processes: 4, timeoutMs: 300, onWarning: (m) => warnings.push(m) });
    limiters.push(limiter);
    const t0 = performance.now();
    const times = await lastValueFrom(range(0, 6).pipe(mergeMap(() => limiter.acquire().pipe(map(() => performance.now()))), toArray()));
    // 40/s shared by 4: 10/s here, one every 100 ms after the first (which waited for Redis at most timeoutMs)
    expect(times[0]! - t0).toBeLessThan(700);
    expect(times[5]! - times[0]!).toBeGreaterThanOrEqual(5 * 100 - 25);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/locally to 10 requests\/s \(1\/4 of the shared limits\)/);
    expect(limiter.mode).toBe('local');

    // Without `processes`, the count is unknown: the warning says so (and the process assumes it is alone).
    const alone = redisRateLimiter({ redis: `redis://127.0.0.1:${port}`, key: 'nowhere', requestsPerSecond: 40, timeoutMs: 300, onWarning: (m) => warnings.push(m) });
    limiters.push(alone);
    await firstValueFrom(alone.acquire());
    expect(warnings[1]).toMatch(/40 requests\/s \(1\/1 of the shared limits\).*set the `processes` option/);
  });

  it('close() after Redis was never reached frees its socket and timers within timeoutMs, not ioredis\'s 2 s (the process can exit)', async () => {
    const held = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'TCPSocketWrap').length;
    const before = held();
    const port = await freePort(); // nothing listens there
    const limiter = redisRateLimiter({ redis: `redis://127.0.0.1:${port}`, key: 'nowhere', requestsPerSecond: 40, timeoutMs: 300, onWarning: () => undefined });
    await firstValueFrom(limiter.acquire());
    await limiter.close();
    await waitUntil(() => held() <= before, 1_500, "the connection's socket and timers to go");
  });

  it('close(): waiting acquisitions and later ones error with ConfigurationError; close twice is fine', async () => {
    const limiter = make({ requestsPerSecond: 2 });
    await firstValueFrom(limiter.acquire());
    const waiting = firstValueFrom(limiter.acquire()); // ~500 ms away
    await sleep(50);
    const closed = expect(waiting).rejects.toMatchObject({ name: 'ConfigurationError', code: 'rate_limiter_closed' });
    await limiter.close();
    await closed;
    await expect(firstValueFrom(limiter.acquire())).rejects.toMatchObject({ name: 'ConfigurationError', code: 'rate_limiter_closed' });
    expect(limiter.queued).toBe(0);
    await limiter.close();
  });
});
