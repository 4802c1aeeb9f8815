import type * as IORedisModule from 'ioredis';
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
