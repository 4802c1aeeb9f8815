import type * as IORedisModule from 'ioredis';
import { cachedLoader, canRequire } from './optional-module.js';

/** The `ioredis` package's exports, loaded only when `redisRateLimiter` is given a URL (an optional peer). */
export type IORedisSdk = typeof IORedisModule;

/**
 * Loads the `ioredis` package once and caches it; rejects with `ConfigurationError` when it is not installed.
 * Never called at module load, so `import 'rxllm'` works without it.
 *
 * @example
 * const { Redis } = await loadIORedis();
 */
export const loadIORedis: () => Promise<IORedisSdk> = cachedLoader('ioredis', () =>
  canRequire()
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- CJS/Jest path; see canRequire
      Promise.resolve().then(() => require('ioredis') as IORedisSdk)
    : (import('ioredis') as Promise<unknown> as Promise<IORedisSdk>),
);
