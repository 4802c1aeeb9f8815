import { InvalidArgumentError } from '../../../src/errors/index.js';
import { LruCacheStore } from '../../../src/models/cache/lru-cache-store.js';

describe('LruCacheStore', () => {
  it('evicts the least recently used entry beyond maxEntries', () => {
    const store = new LruCacheStore<string>({ maxEntries: 2 });
    store.set('a', 'A');
    store.set('b', 'B');
    expect(store.get('a')).toBe('A'); // a is now the most recent
    store.set('c', 'C'); // evicts b
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')).toBe('A');
    expect(store.get('c')).toBe('C');
    expect(store.size).toBe(2);
    store.set('a', 'A2'); // overwriting refreshes too
    store.set('d', 'D'); // evicts c
    expect(store.get('c')).toBeUndefined();
    expect(store.get('a')).toBe('A2');
    store.delete('a');
    expect(store.get('a')).toBeUndefined();
    store.clear();
    expect(store.size).toBe(0);
  });

  it('expires entries after ttlMs (injected clock)', () => {
    let now = 1000;
    const store = new LruCacheStore<string>({ ttlMs: 50, now: () => now });
    store.set('a', 'A');
    now = 1049;
    expect(store.get('a')).toBe('A');
    now = 1050;
    expect(store.get('a')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('throws InvalidArgumentError for bad options', () => {
    expect(() => new LruCacheStore({ maxEntries: 0 })).toThrow(InvalidArgumentError);
    expect(() => new LruCacheStore({ ttlMs: -1 })).toThrow(InvalidArgumentError);
    expect(() => new LruCacheStore({ now: 5 as never })).toThrow(InvalidArgumentError);
  });
});
