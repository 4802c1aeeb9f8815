import { checkKnownKeys, type KnownKeys } from '../../core/known-keys.js';
import { checkFunction, checkNumber, checkOptions } from '../../core/validate.js';
import type { CacheStore, CachedResult } from './cache-store.js';

/** Options of `LruCacheStore`. */
export interface LruCacheStoreOptions {
  /** The most entries kept; adding one more evicts the least recently used. @default 1000 */
  readonly maxEntries?: number;
  /** How long an entry stays valid after it was set, in ms. @default no expiry */
  readonly ttlMs?: number;
  /** The clock for `ttlMs`, in ms. @default Date.now */
  readonly now?: () => number;
}

/** Every `LruCacheStoreOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<LruCacheStoreOptions> = { maxEntries: true, ttlMs: true, now: true };

/**
 * An in-memory, least-recently-used `CacheStore` (the default store of `cache`). Synchronous, so cache hits
 * are answered synchronously.
 *
 * @example
 * const store = new LruCacheStore({ maxEntries: 500, ttlMs: 10 * 60_000 });
 * const cached = cache(model, { store });
 */
export class LruCacheStore<V = CachedResult> implements CacheStore<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly expiresAt: number }>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: LruCacheStoreOptions = {}) {
    checkOptions('options', options);
    checkKnownKeys('options', options, OPTION_NAMES);
    checkNumber('maxEntries', options.maxEntries, { min: 1, integer: true, allowInfinity: true });
    checkNumber('ttlMs', options.ttlMs, { min: 1, allowInfinity: true });
    checkFunction('now', options.now);
    this.maxEntries = options.maxEntries ?? 1000;
    this.ttlMs = options.ttlMs ?? Infinity;
    this.now = options.now ?? Date.now;
  }

  /** The entries held (expired ones included until they are next looked at). */
  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry); // most recently used goes last
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Removes every entry. */
  clear(): void {
    this.entries.clear();
  }
}
