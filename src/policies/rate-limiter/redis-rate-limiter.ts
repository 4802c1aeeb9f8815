import { Observable, asyncScheduler, type Subscription } from 'rxjs';
import { ConfigurationError } from '../../errors/configuration-error.js';
import { ConnectionError } from '../../errors/connection-error.js';
import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import { isLlmError } from '../../errors/llm-error.js';
import { checkKnownKeys, type KnownKeys } from '../../core/known-keys.js';
import { describe } from '../../core/validate.js';
import { checkFunction, checkNumber, checkOptions } from '../../core/validate.js';
import { MAX_CATCH_UP_MS } from './token-bucket.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { DEFAULT_BURST, DEFAULT_MAX_PENALTY_MS, LIMIT_NAMES, checkRateLimits, tokenBurstOf, tokenEstimator, type RateLimits } from './rate-limits.js';
import { RedisStore, type RedisClientLike, type RedisStoreError, type Reservation, type StoreLimit } from './redis-store.js';

export type { RedisClientLike } from './redis-store.js';

/**
 * Options of `redisRateLimiter`: where the shared state lives (`redis`, `key`), the limits (as
 * `createRateLimiter`'s), and what to do when Redis cannot be reached. Every process sharing a `key` must
 * use the same limits.
 *
 * @example
 * redisRateLimiter({ redis: 'redis://redis.internal:6379', key: 'llm-quota:openai', requestsPerMinute: 500, tokensPerMinute: 200_000 })
 */
export interface RedisRateLimiterOptions extends RateLimits {
  /**
   * An `ioredis` client (`new Redis(...)` or `new Cluster(...)`; you keep it and close it), or a
   * `redis://` / `rediss://` URL (rxllm opens a connection with `ioredis`, an optional peer dependency to
   * install, on the first acquisition, and `close()` closes it). Required.
   */
  readonly redis: RedisClientLike | string;
  /**
   * The Redis key of the shared quota: processes using the same key share one limit. One hash, which
   * expires a minute after the quota was last used. Required.
   * @example 'llm-quota:openai:org-1234'
   */
  readonly key: string;
  /**
   * The longest wait for one Redis reply; a reply not there by then counts as Redis being unreachable.
   * @default 1000
   */
  readonly timeoutMs?: number;
  /**
   * When Redis cannot be reached (no reply within `timeoutMs`, connection lost):
   * - `'fallback'`: this process limits itself locally at its share of the limits (see `processes`),
   *   warns once (`onWarning`), and goes back to Redis as soon as it answers (tried once a second);
   * - `'error'`: the acquisition errors with a retryable `ConnectionError` (code `rate_limiter_unavailable`).
   * Never a hang, never an unlimited burst.
   * @default 'fallback'
   */
  readonly onRedisError?: 'fallback' | 'error';
  /**
   * How many processes share the key, when you know it (replicas, shards): while Redis is unreachable,
   * each process takes 1/`processes` of the limits.
   * @default the processes that used the key in the last 30 s, as last counted in Redis (1 if Redis never answered)
   */
  readonly processes?: number;
  /** Told (once per outage) that Redis cannot be reached and what this process does meanwhile. @default process.emitWarning */
  readonly onWarning?: (message: string) => void;
}

/** A `RateLimiter` whose state lives in Redis, shared by every process using the same key. */
export interface RedisRateLimiter extends RateLimiter {
  /** `'redis'` while the shared state in Redis decides; `'local'` while Redis is unreachable (fallback). */
  readonly mode: 'redis' | 'local';
  /**
   * Closes the Redis connection rxllm opened (from a URL; a client passed in is left open) and ends the
   * limiter: acquisitions still waiting, and any later one, error with `ConfigurationError`
   * (code `rate_limiter_closed`).
   */
  close(): Promise<void>;
}

/** Every `RedisRateLimiterOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<RedisRateLimiterOptions> = {
  ...LIMIT_NAMES, redis: true, key: true, timeoutMs: true, onRedisError: true, processes: true, onWarning: true,
};

/** A process counts as sharing the key while it acquired within this window. */
const LIVE_MS = 30_000;
/** How often an acquisition also counts the live processes (for the fallback share). */
const COUNT_EVERY_MS = 5_000;
/** How often Redis is tried again while the limiter runs locally. */
const PROBE_EVERY_MS = 1_000;

/**
 * Creates a `RateLimiter` shared by many processes (replicas, workers, machines) through Redis: the same
 * interface as `createRateLimiter` (use it with `rateLimit` or `generate`'s `rateLimit` option), with its
 * state in one Redis hash. Each acquisition is one atomic Lua script call (one round trip) that reserves the
 * earliest start every limit allows (GCRA: a "theoretical arrival time" per limit, in Redis's clock), so:
 * - requests from all processes are admitted first come, first served (no process starves), evenly
 *   spaced at the limit, and processes starting together do not burst past `burst`;
 * - token estimates and refunds (`reconcile`) and 429 pauses (`penalize`) are shared: a `retry-after` seen
 *   by any process pauses all of them.
 * When Redis cannot be reached, see `onRedisError`. Call `close()` when done if you passed a URL.
 *
 * @example
 * const limiter = redisRateLimiter({ redis: 'redis://redis.internal:6379', key: 'llm-quota', requestsPerSecond: 50 });
 * await lastValueFrom(generateFrom(model, prompts, { concurrency: 32, rateLimit: limiter, errors: 'emit' }));
 * await limiter.close();
 */
export function redisRateLimiter(options: RedisRateLimiterOptions): RedisRateLimiter {
  const o = checkRedisRateLimiterOptions(options);
  const limits = storeLimits(o);
  const limitsTokens = o.tokensPerMinute !== undefined;
  const estimate = tokenEstimator(o);
  const scheduler = asyncScheduler;
  const store = new RedisStore(o.redis, o.key, limits, o.timeoutMs ?? 1000, () => scheduler.now());
  const maxPenaltyMs = o.maxPenaltyMs ?? DEFAULT_MAX_PENALTY_MS;
  const fallback = (o.onRedisError ?? 'fallback') === 'fallback';
  const warn = o.onWarning ?? emitWarning;
  const processId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

  /** Waiting acquisitions, so that `close()` can end them. */
  const pending = new Set<(error: Error) => void>();
  let closed = false;
  let mode: 'redis' | 'local' = 'redis';
  let local: RateLimiter | undefined; // the fallback limiter of the current (or last) outage
  let nextProbeAt = 0;
  let nextCountAt = 0;
  let liveProcesses: number | undefined;
  let clockOffset = 0; // Redis clock - local clock, as of the last reply
  let pauseUntil = 0; // the shared pause as last known, in Redis's clock
  let lastSlotAt = 0; // the latest slot Redis gave this process, in the local clock
  // A process held up past its slots may send this many at once (250 ms' worth of the request limits, at
  // least `burst`), as createRateLimiter does for late timers; `recent` holds its grants of the last 250 ms.
  const catchUp = catchUpRequests(o);
  const recent: number[] = [];
  const grantedRecently = (now: number): number => {
    while (recent.length > 0 && recent[0]! <= now - MAX_CATCH_UP_MS) recent.shift();
    return recent.length;
  };

  const redisNow = (): number => scheduler.now() + clockOffset;
  const learn = (nowMs: number, pauseUntilMs: number): void => {
    clockOffset = nowMs - scheduler.now();
    pauseUntil = Math.max(pauseUntil, pauseUntilMs);
  };
  /** Whether this acquisition goes to Redis: always in `'redis'` mode, else once a second (a probe). */
  const useRedis = (): boolean => {
    if (mode === 'redis') return true;
    if (scheduler.now() < nextProbeAt) return false;
    nextProbeAt = scheduler.now() + PROBE_EVERY_MS;
    return true;
  };
  const goLocal = (error: RedisStoreError): RateLimiter => {
    if (mode === 'redis' || !local) {
      const processes = o.processes ?? liveProcesses ?? 1;
      local = createRateLimiter(scaledLimits(o, 1 / processes));
      // No burst on the switch: the first local admission comes one local interval after the last slot
      // Redis gave this process (and after the shared pause).
      const hold = Math.max(pauseUntil - redisNow(), lastSlotAt + localIntervalMs(o, processes) - scheduler.now());
      if (hold > 0) local.penalize(hold);
      if (mode === 'redis' && !closed) {
        const unknown = o.processes === undefined && liveProcesses === undefined;
        const message =
          `rxllm: redisRateLimiter "${o.key}" cannot reach Redis (${error.message}); this process now limits ` +
          `itself locally to ${describeLimits(o, processes)} until Redis answers again` +
          (unknown ? ' (Redis never answered, so the number of processes sharing the key is unknown: set the `processes` option).' : '.');
        try {
          warn(message);
        } catch {
          // a throwing onWarning must not stop the fallback
        }
      }
      mode = 'local';
      nextProbeAt = scheduler.now() + PROBE_EVERY_MS;
    }
    return local;
  };
  const unavailable = (error: RedisStoreError): Error =>
    isLlmError(error.cause)
      ? error.cause // ConfigurationError: ioredis is not installed
      : error.misconfigured
      ? new ConfigurationError(`redisRateLimiter "${o.key}": Redis refused the rate-limit script: ${error.message}`, {
          cause: error,
          code: 'rate_limiter_misconfigured',
        })
      : new ConnectionError(`redisRateLimiter "${o.key}": Redis is unreachable: ${error.message}`, {
          cause: error,
          code: 'rate_limiter_unavailable',
        });
  const ignore = (): void => undefined;

  return {
    acquire(tokens = 0) {
      checkNumber('tokens', tokens);
      const cost = limitsTokens ? tokens : 0;
      return new Observable<number>((subscriber) => {
        if (closed) {
          subscriber.error(closedError(o.key));
          return;
        }
        let ended = false; // granted, failed or unsubscribed: nothing more happens
        let timer: Subscription | undefined;
        let inner: Subscription | undefined;
        let reservation: Reservation | undefined; // reserved in Redis, its slot not reached yet
        const end = (): void => {
          ended = true;
          pending.delete(fail);
          timer?.unsubscribe();
          inner?.unsubscribe();
        };
        const grant = (): void => {
          end();
          if (catchUp !== Infinity) recent.push(scheduler.now());
          subscriber.next(tokens);
          subscriber.complete();
        };
        function fail(error: Error): void {
          if (reservation) void store.release(reservation, cost).catch(ignore);
          end();
          subscriber.error(error);
        }
        pending.add(fail);

        const viaLocal = (limiter: RateLimiter): void => {
          inner = limiter.acquire(cost).subscribe({ next: grant, error: fail });
        };
        let retriedLate = false;
        /** At (or after) the reserved slot: go, unless a pause or a stall says to take a new slot. */
        const atSlot = (dueAt: number): void => {
          // A pause set since the reservation (a 429 seen by any process): take a slot after it.
          if (pauseUntil > redisNow() + 1) return route();
          // Late for its slot (this process was held up: a busy event loop), like its other requests, likely:
          // they must not all go at once. Up to 250 ms' worth of the limit go; a later one takes a new slot
          // (once: a process that is always late still makes progress).
          const now = scheduler.now();
          if (now > dueAt + 1 && grantedRecently(now) >= catchUp && !retriedLate) {
            retriedLate = true;
            return route();
          }
          grant();
        };
        const viaRedis = (): void => {
          const count = scheduler.now() >= nextCountAt;
          if (count) nextCountAt = scheduler.now() + COUNT_EVERY_MS;
          store.acquire(processId, cost, count ? LIVE_MS : 0).then(
            (r) => {
              if (ended) {
                void store.release(r, cost).catch(ignore); // unsubscribed meanwhile: give the slot back
                return;
              }
              learn(r.nowMs, r.pauseUntilMs);
              if (r.liveProcesses !== undefined) liveProcesses = r.liveProcesses;
              mode = 'redis'; // Redis answers (again)
              lastSlotAt = Math.max(lastSlotAt, scheduler.now() + r.delayMs);
              const dueAt = r.sentAt + r.delayMs; // the slot can be no earlier (the script ran after sentAt)
              if (r.delayMs <= 0) return atSlot(dueAt);
              reservation = r;
              timer = scheduler.schedule(() => {
                timer = undefined;
                reservation = undefined;
                atSlot(dueAt);
              }, Math.ceil(r.delayMs));
            },
            (error: RedisStoreError) => {
              if (ended) return;
              if (fallback && !error.misconfigured) viaLocal(goLocal(error));
              else fail(unavailable(error));
            },
          );
        };
        const route = (): void => {
          if (useRedis() || !local) viaRedis();
          else viaLocal(local);
        };
        route();

        return () => {
          if (ended) return;
          if (reservation) void store.release(reservation, cost).catch(ignore);
          end();
        };
      });
    },
    estimate,
    reconcile(estimatedTokens, actualTokens) {
      checkNumber('estimatedTokens', estimatedTokens);
      checkNumber('actualTokens', actualTokens);
      if (!limitsTokens || estimatedTokens === actualTokens || closed) return;
      if (mode === 'local' && local) local.reconcile(estimatedTokens, actualTokens);
      else void store.reconcile(estimatedTokens - actualTokens).catch(ignore);
    },
    penalize(ms) {
      checkNumber('ms', ms);
      const pauseMs = Math.min(ms, maxPenaltyMs);
      if (pauseMs <= 0 || closed) return;
      pauseUntil = Math.max(pauseUntil, redisNow() + pauseMs);
      local?.penalize(pauseMs);
      if (mode === 'redis') void store.penalize(pauseMs).then((r) => learn(r.nowMs, r.pauseUntilMs), ignore);
    },
    get queued() {
      return pending.size;
    },
    get limitsTokens() {
      return limitsTokens;
    },
    get mode() {
      return mode;
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = closedError(o.key);
      for (const fail of [...pending]) fail(error);
      await store.close();
    },
  };
}

/** The script's limits: one GCRA per limit set (interval = ms per request or per token). */
function storeLimits(o: RedisRateLimiterOptions): StoreLimit[] {
  const burst = o.burst ?? DEFAULT_BURST;
  const limits: StoreLimit[] = [];
  if (o.requestsPerSecond !== undefined) limits.push({ field: 'rps', intervalMs: 1000 / o.requestsPerSecond, burst });
  if (o.requestsPerMinute !== undefined) limits.push({ field: 'rpm', intervalMs: 60_000 / o.requestsPerMinute, burst });
  if (o.tokensPerMinute !== undefined) {
    limits.push({ field: 'tpm', intervalMs: 60_000 / o.tokensPerMinute, burst: tokenBurstOf(o, o.tokensPerMinute) });
  }
  return limits;
}

/** The local fallback's options: `share` of every limit (and of the token burst). */
function scaledLimits(o: RedisRateLimiterOptions, share: number): RateLimits {
  const scale = (n: number | undefined): number | undefined => (n === undefined ? undefined : n * share);
  return {
    requestsPerSecond: scale(o.requestsPerSecond),
    requestsPerMinute: scale(o.requestsPerMinute),
    tokensPerMinute: scale(o.tokensPerMinute),
    tokenBurst: scale(o.tokenBurst),
    burst: o.burst,
    maxPenaltyMs: o.maxPenaltyMs,
    defaultCompletionTokens: o.defaultCompletionTokens,
    estimateTokens: o.estimateTokens,
  };
}

/** Requests one process may send at once when late: 250 ms' worth of the request limits, at least `burst`. */
function catchUpRequests(o: RedisRateLimiterOptions): number {
  const perMs = Math.min(
    o.requestsPerSecond === undefined ? Infinity : o.requestsPerSecond / 1000,
    o.requestsPerMinute === undefined ? Infinity : o.requestsPerMinute / 60_000,
  );
  return perMs === Infinity ? Infinity : Math.max(o.burst ?? DEFAULT_BURST, Math.ceil(perMs * MAX_CATCH_UP_MS));
}

/** The spacing of requests at 1/`processes` of the request limits (0 with a token limit only). */
function localIntervalMs(o: RedisRateLimiterOptions, processes: number): number {
  return Math.max(
    o.requestsPerSecond === undefined ? 0 : (1000 * processes) / o.requestsPerSecond,
    o.requestsPerMinute === undefined ? 0 : (60_000 * processes) / o.requestsPerMinute,
  );
}

/** "12.5 requests/s, 50000 tokens/min (1/4 of the shared limits)". */
function describeLimits(o: RedisRateLimiterOptions, processes: number): string {
  const round = (n: number): string => String(Math.round((n / processes) * 100) / 100);
  const parts: string[] = [];
  if (o.requestsPerSecond !== undefined) parts.push(`${round(o.requestsPerSecond)} requests/s`);
  if (o.requestsPerMinute !== undefined) parts.push(`${round(o.requestsPerMinute)} requests/min`);
  if (o.tokensPerMinute !== undefined) parts.push(`${round(o.tokensPerMinute)} tokens/min`);
  return `${parts.join(', ')} (1/${processes} of the shared limits)`;
}

function closedError(key: string): ConfigurationError {
  return new ConfigurationError(`redisRateLimiter "${key}" is closed`, { code: 'rate_limiter_closed' });
}

/** The default `onWarning`: a process warning in Node (code `RXLLM_REDIS_UNAVAILABLE`), else `console.warn`. */
function emitWarning(message: string): void {
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: { code: string }) => void } }).process;
  if (typeof proc?.emitWarning === 'function') proc.emitWarning(message, { code: 'RXLLM_REDIS_UNAVAILABLE' });
  else console.warn(message);
}

function checkRedisRateLimiterOptions(options: RedisRateLimiterOptions): RedisRateLimiterOptions {
  if (options === undefined) throw new InvalidArgumentError('options', 'is required');
  checkOptions('options', options);
  checkKnownKeys('options', options, OPTION_NAMES);
  checkRedis(options.redis);
  if (typeof options.key !== 'string' || options.key === '') {
    throw new InvalidArgumentError('key', `must be a non-empty string (the Redis key of the shared quota), got ${describe(options.key)}`);
  }
  checkRateLimits(options);
  checkNumber('timeoutMs', options.timeoutMs, { min: 1 });
  checkNumber('processes', options.processes, { min: 1, integer: true });
  checkFunction('onWarning', options.onWarning);
  const onError = options.onRedisError;
  if (onError !== undefined && onError !== 'fallback' && onError !== 'error') {
    throw new InvalidArgumentError('onRedisError', `must be 'fallback' or 'error', got ${describe(onError)}`);
  }
  return options;
}

function checkRedis(redis: unknown): void {
  if (typeof redis === 'string') {
    let protocol: string | undefined;
    try {
      protocol = new URL(redis).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol === 'redis:' || protocol === 'rediss:') return;
    throw new InvalidArgumentError('redis', 'must be a redis:// or rediss:// URL, or an ioredis client');
  }
  const client = redis as Partial<RedisClientLike> | null;
  if (typeof client !== 'object' || client === null || typeof client.evalsha !== 'function' || typeof client.eval !== 'function') {
    throw new InvalidArgumentError('redis', `must be an ioredis client (with evalsha and eval) or a redis:// URL, got ${describe(redis)}`);
  }
}
