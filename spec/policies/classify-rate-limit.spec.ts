import { LlmError, RateLimitError, ServerError } from '../../src/errors/index.js';
import { classifyRateLimit } from '../../src/policies/classify-rate-limit.js';

describe('classifyRateLimit', () => {
  it("'wait' for a retry-after up to the cap, 'cap' above it or without one, 'stop' for quotas", () => {
    expect(classifyRateLimit(new RateLimitError('x', { retryAfterMs: 0 }))).toBe('wait');
    expect(classifyRateLimit(new RateLimitError('x', { retryAfterMs: 30_000 }))).toBe('wait');
    expect(classifyRateLimit(new RateLimitError('x', { retryAfterMs: 30_001 }))).toBe('cap');
    expect(classifyRateLimit(new RateLimitError('x', { retryAfterMs: 5000 }), 1000)).toBe('cap');
    expect(classifyRateLimit(new RateLimitError('x'))).toBe('cap');
    expect(classifyRateLimit(new RateLimitError('x', { quotaExceeded: true, retryAfterMs: 10 }))).toBe('stop');
  });

  it('returns undefined for anything but a 429', () => {
    expect(classifyRateLimit(new ServerError('x', { retryAfterMs: 10 }))).toBeUndefined();
    expect(classifyRateLimit(new LlmError('x', { statusCode: 429 }))).toBeUndefined();
    expect(classifyRateLimit(new Error('x'))).toBeUndefined();
    expect(classifyRateLimit(undefined)).toBeUndefined();
  });
});
