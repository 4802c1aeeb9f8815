import { RateLimitError, ServerError } from '../../src/errors/index.js';
import { backoffDelay, retryDelay } from '../../src/policies/retry-timing.js';

describe('retry timing', () => {
  const boom = new ServerError('boom');

  it("'none' doubles from baseDelayMs and stops at maxDelayMs", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((r) => retryDelay(r, undefined, boom, { jitter: 'none' }));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 20000]);
    expect(backoffDelay(3, undefined, { jitter: 'none', baseDelayMs: 100, maxDelayMs: 300 })).toBe(300);
  });

  it("'full' (the default) is random * the exponential step, floored", () => {
    expect(retryDelay(1, undefined, boom, { random: () => 0.5 })).toBe(250);
    expect(retryDelay(3, undefined, boom, { random: () => 0.5 })).toBe(1000);
    expect(retryDelay(3, undefined, boom, { random: () => 0 })).toBe(0);
    expect(retryDelay(10, undefined, boom, { random: () => 0.999999 })).toBe(19999);
    for (let i = 0; i < 100; i++) expect(retryDelay(2, undefined, boom)).toBeLessThan(1000);
  });

  it("'decorrelated' stays in [base, 3 * previous] and under maxDelayMs", () => {
    const o = { jitter: 'decorrelated' as const, baseDelayMs: 100, maxDelayMs: 5000 };
    expect(retryDelay(1, undefined, boom, { ...o, random: () => 0 })).toBe(100);
    expect(retryDelay(1, undefined, boom, { ...o, random: () => 0.5 })).toBe(200);
    expect(retryDelay(2, 1000, boom, { ...o, random: () => 0.5 })).toBe(1550);
    expect(retryDelay(5, 4000, boom, { ...o, random: () => 0.9 })).toBe(5000);
    let previous: number | undefined;
    for (let r = 1; r < 30; r++) {
      const d = retryDelay(r, previous, boom, o);
      expect(d).toBeGreaterThanOrEqual(100);
      expect(d).toBeLessThanOrEqual(Math.min(5000, 3 * (previous ?? 100)));
      previous = d;
    }
  });

  it('uses the error retryAfterMs instead of the backoff, capped at maxRetryAfterMs', () => {
    expect(retryDelay(3, undefined, new RateLimitError('slow', { retryAfterMs: 1234 }), { random: () => 0.9 })).toBe(1234);
    expect(retryDelay(1, undefined, new RateLimitError('slow', { retryAfterMs: 99_000 }), {})).toBe(30_000);
    expect(retryDelay(1, undefined, new RateLimitError('slow', { retryAfterMs: 99_000 }), { maxRetryAfterMs: 2000 })).toBe(2000);
    expect(retryDelay(1, undefined, new ServerError('503', { retryAfterMs: 10.2 }), {})).toBe(11);
  });
});
