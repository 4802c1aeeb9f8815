import type * as IORedisModule from 'ioredis';
import { registerSecret } from '../errors/redact.js';
import { memoizeRetrying, notInstalled } from './optional-module.js';

/** The `ioredis` package's exports, loaded only when `redisRateLimiter` is given a URL (an optional peer). */
export type IORedisSdk = typeof IORedisModule;

/**
 * The package name, as a variable: `ioredis` speaks TCP, which only servers have, so bundlers must not follow
 * this import into it (a browser bundle would fail on its Node built-ins). A server bundle leaves it to be
 * loaded from `node_modules` at run time, as it does for any package it cannot see.
 */
const IOREDIS = 'ioredis';

/**
 * Loads the `ioredis` package once and caches it; rejects with `ConfigurationError` when it is not installed.
 * Never called at module load, so `import 'rxllm'` works without it.
 *
 * @example
 * const { Redis } = await loadIORedis();
 */
export const loadIORedis: () => Promise<IORedisSdk> = memoizeRetrying(() =>
  (import(/* webpackIgnore: true */ /* @vite-ignore */ IOREDIS) as Promise<IORedisSdk>).then((m) => m, notInstalled(IOREDIS)),
);

/**
 * Opens an `ioredis` connection to `url` for a rate limiter, with the settings every such connection uses: a
 * command caught by a disconnect fails soon, a lost connection is retried within a second, and closing a
 * connection whose socket does not close (Redis gone) holds the process at most `disconnectTimeoutMs`.
 * Registers the URL's password as a secret, loads `ioredis` (rejects with `ConfigurationError` when it is
 * not installed). Not public API.
 *
 * @example
 * const client = await openRedisClient('redis://localhost:6379', 'rxllm-cli', 1000);
 */
export async function openRedisClient(url: string, connectionName: string, disconnectTimeoutMs: number): Promise<InstanceType<IORedisSdk['Redis']>> {
  registerRedisUrlSecret(url);
  const m = await loadIORedis();
  const Redis = m.Redis ?? (m as unknown as { default: IORedisSdk['Redis'] }).default;
  return new Redis(url, {
    connectionName,
    maxRetriesPerRequest: 1, // a command caught by a disconnect fails soon (the caller's timeout bounds it anyway)
    retryStrategy: (times: number) => Math.min(100 * times, 1000), // back within a second once Redis is
    disconnectTimeout: disconnectTimeoutMs, // ioredis: 2 s
  });
}

/**
 * Registers the password of a `redis://` URL as a secret (`registerSecret`): never shown in an error, a
 * warning or a log line. A URL that does not parse registers nothing (its caller checks it). Not public API.
 *
 * @example
 * registerRedisUrlSecret('redis://:s3cret@redis.internal:6379');
 */
export function registerRedisUrlSecret(url: string): void {
  try {
    const u = new URL(url);
    if (u.password !== '') registerSecret(decodeURIComponent(u.password));
  } catch {
    // not a URL: nothing to register
  }
}
