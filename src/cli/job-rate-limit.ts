import type { Redis } from 'ioredis';
import { redact } from '../errors/redact.js';
import { openRedisClient } from '../platform/load-ioredis.js';
import { within } from '../platform/within.js';
import { createRateLimiter, type RateLimiter } from '../policies/rate-limiter/rate-limiter.js';
import { redisRateLimiter } from '../policies/rate-limiter/redis-rate-limiter.js';
import { CliError } from './cli-io.js';
import type { JobConfig } from './job-flags.js';

/** How long `openJobRateLimiter` waits for Redis to answer PING before giving up. */
export const REDIS_CONNECT_TIMEOUT_MS = 3_000;

/** A job's rate limiter, and how to let go of what it holds (the Redis connection). */
export interface JobRateLimiter {
  /** Absent without `--rps`, `--rpm` or `--tpm`. */
  readonly limiter?: RateLimiter;
  /** Closes the Redis connection (a no-op without `--redis`). Never rejects. */
  close(): Promise<void>;
}

/** The limits of `--rps`, `--rpm`, `--tpm`, as the limiters take them. */
function limits(config: JobConfig): { requestsPerSecond?: number; requestsPerMinute?: number; tokensPerMinute?: number } {
  return {
    ...(config.rps !== undefined ? { requestsPerSecond: config.rps } : {}),
    ...(config.rpm !== undefined ? { requestsPerMinute: config.rpm } : {}),
    ...(config.tpm !== undefined ? { tokensPerMinute: config.tpm } : {}),
  };
}

/**
 * This process's own limiter (`createRateLimiter`) from `--rps`, `--rpm`, `--tpm`; `undefined` without them.
 *
 * @example
 * localRateLimiter(parseRunFlags(['in.txt', '--simulator', '--rpm', '600']) as RunConfig);
 */
export function localRateLimiter(config: JobConfig): RateLimiter | undefined {
  const l = limits(config);
  return Object.keys(l).length > 0 ? createRateLimiter(l) : undefined;
}

/**
 * The rate limiter of a job. Without `--redis`: `localRateLimiter`. With `--redis URL`: a `redisRateLimiter`
 * on `config.redis.key`, the limits being the totals of every process sharing the key, on a connection
 * opened now and checked with PING within `REDIS_CONNECT_TIMEOUT_MS` — a Redis that cannot be reached at the
 * start (a wrong host, port or password) is a `CliError` (exit 2) before anything is sent, as is a missing
 * `ioredis`. If Redis goes away later, the limiter falls back to this process's share of the limits (1/n
 * with `--shard i/n`, else the processes Redis last counted) and `warn` is told once per outage; it goes back
 * to Redis when Redis answers. The URL's password is registered as a secret: never printed.
 *
 * @example
 * const { limiter, close } = await openJobRateLimiter(config, (m) => io.stderr(`rxllm run: ${m}\n`));
 * try { ... } finally { await close(); }
 */
export async function openJobRateLimiter(config: JobConfig, warn: (message: string) => void): Promise<JobRateLimiter> {
  if (config.redis === undefined) {
    const limiter = localRateLimiter(config);
    return { ...(limiter ? { limiter } : {}), close: () => Promise.resolve() };
  }
  const { url, key } = config.redis;
  const where = describeRedisUrl(url);
  let client: Redis;
  try {
    client = await openRedisClient(url, 'rxllm-cli', 1_000);
  } catch {
    throw new CliError('--redis needs the "ioredis" package to share the rate limits: npm install ioredis');
  }
  const disconnect = (): void => void client.disconnect();
  // The first connection error (ECONNREFUSED, a wrong password...) fails at once, rather than ioredis retrying.
  const failed = new Promise<never>((_, reject) => client.once('error', reject));
  try {
    await within(Promise.race([client.ping(), failed]), REDIS_CONNECT_TIMEOUT_MS, () => new Error(`no answer within ${REDIS_CONNECT_TIMEOUT_MS / 1000} s`));
  } catch (error) {
    disconnect();
    throw new CliError(`cannot reach Redis at ${where} (--redis): ${redact(messageOf(error))}`);
  }
  failed.catch(() => undefined);
  client.removeAllListeners('error');
  client.on('error', () => undefined); // from now on, the limiter sees failures through its calls (and falls back)
  const limiter = redisRateLimiter({
    redis: client,
    key,
    ...limits(config),
    ...(config.shard !== undefined ? { processes: config.shard.count } : {}),
    onWarning: (message) => warn(message.replace(/^rxllm: /, '')),
  });
  return {
    limiter,
    close: async () => {
      await limiter.close().catch(() => undefined);
      await within(client.quit(), 1_000, () => new Error('quit')).catch(() => undefined);
      disconnect();
    },
  };
}

/**
 * A Redis URL as it may be shown: scheme, host, port and database, never the user or password.
 *
 * @example
 * describeRedisUrl('redis://:s3cret@redis.internal:6380/2'); // 'redis://redis.internal:6380/2'
 */
export function describeRedisUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}:${u.port || '6379'}${u.pathname === '/' ? '' : u.pathname}`;
}

/** An error's message (also an Error of another realm), else the value as text. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}


