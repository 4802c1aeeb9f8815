import type { Generation } from '../../core/generation.js';
import type { GenerationEvent } from '../../core/stream-event.js';

/** What `cache` stores for one request: a `generate` result, or every event of a completed `stream`. */
export type CachedResult =
  | { readonly kind: 'generate'; readonly generation: Generation }
  | { readonly kind: 'stream'; readonly events: readonly GenerationEvent[] };

/**
 * Where `cache` keeps results. Every method may answer at once or with a Promise, so an in-memory map,
 * Redis, a file or a database all fit. Values are plain JSON-serialisable objects. A `get` that throws or
 * rejects counts as a miss; a `set` that fails is ignored (the answer is still delivered).
 *
 * @example
 * // a Redis-backed store (node-redis v4)
 * const store: CacheStore = {
 *   get: async (key) => { const v = await redis.get(key); return v ? JSON.parse(v) : undefined; },
 *   set: async (key, value) => { await redis.set(key, JSON.stringify(value), { EX: 3600 }); },
 *   delete: async (key) => { await redis.del(key); },
 * };
 * const cached = cache(model, { store });
 */
export interface CacheStore<V = CachedResult> {
  get(key: string): V | undefined | Promise<V | undefined>;
  set(key: string, value: V): void | Promise<void>;
  delete?(key: string): void | Promise<void>;
}
