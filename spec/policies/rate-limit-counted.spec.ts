// rateLimit with a token count the caller already made (an embedding batch): reserved as it is.
import type { Generation } from '../../src/core/generation.js';
import { rateLimit } from '../../src/policies/rate-limit.js';
import { createRateLimiter } from '../../src/policies/rate-limiter/rate-limiter.js';
import { gen } from '../support/policy-fixtures.js';
import { expectInvalid } from '../support/invalid-argument.js';
import { testScheduler } from '../support/test-scheduler.js';

describe('rateLimit with a counted request', () => {
  it('reserves exactly that many tokens (no estimate, no completion budget) and reconciles with the usage', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // 0.1 token/ms, a bucket of 100 tokens; the estimator must not be asked
      const limiter = createRateLimiter({ tokensPerMinute: 6000, estimateTokens: () => { throw new Error('not asked'); } });
      const batch = cold<Generation>('-(g|)', { g: gen('a', { inputTokens: 80, outputTokens: 0 }) });
      expectObservable(batch.pipe(rateLimit(limiter, 80))).toBe('-(g|)', { g: gen('a', { inputTokens: 80, outputTokens: 0 }) });
      // at frame 1: 20.1 left; 60 more needs 399 ms -> admitted at 400
      expectObservable(cold<Generation>('(g|)', { g: gen('b') }).pipe(rateLimit(limiter, 60))).toBe('400ms (g|)', { g: gen('b') });
    });
  });

  it('is ignored by a limiter without a token limit; a count must be a number >= 0', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const limiter = createRateLimiter({ requestsPerSecond: 1000 });
      expectObservable(cold<Generation>('(g|)', { g: gen('a') }).pipe(rateLimit(limiter, 1e9))).toBe('(g|)', { g: gen('a') });
    });
    const limiter = createRateLimiter({ tokensPerMinute: 100 });
    expectInvalid(() => rateLimit(limiter, -1), 'request');
    expectInvalid(() => rateLimit(limiter, NaN), 'request');
  });
});
