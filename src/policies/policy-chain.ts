import type { MonoTypeOperatorFunction, Observable } from 'rxjs';
import { behindLimiter, checkRateLimiter, requestTokens } from './rate-limit.js';
import type { RateLimiter } from './rate-limiter/rate-limiter.js';
import type { RateLimitRequest } from './rate-limiter/rate-limits.js';
import { retryGenerationAt, type RetryOptions } from './retry-generation.js';
import { timeoutGenerationAt, type TimeoutOptions } from './timeout-generation.js';

/** The per-request policies of a generate options object, checked once at call time. */
export interface PolicySettings {
  readonly retry?: number | RetryOptions;
  readonly timeout?: number | TimeoutOptions;
  readonly rateLimit?: RateLimiter;
}

/**
 * Wraps one request in the policies: `retry(rateLimit(observe(timeout(call))))`. `request` is what the rate
 * limiter estimates the tokens of, or the token count itself (an embedding batch).
 */
export type Attempt = <T>(call: Observable<T>, request: RateLimitRequest | number) => Observable<T>;

/**
 * Builds the per-request wrapper. Bad policy options throw `InvalidArgumentError` now, named from the
 * generate option (`retry.maxAttempts`, `timeout`, `rateLimit`...).
 */
export function policyAttempt(policies: PolicySettings, observe: (<T>() => MonoTypeOperatorFunction<T>) | undefined): Attempt {
  const { retry: retryOptions, timeout: timeoutOptions, rateLimit: limiter } = policies;
  const retry = retryOptions === undefined ? undefined : retryGenerationAt('retry', retryOptions);
  const timeout = timeoutOptions === undefined ? undefined : timeoutGenerationAt('timeout', timeoutOptions);
  if (limiter !== undefined) checkRateLimiter(limiter, 'rateLimit');
  const observing = observe?.();
  return <T>(call: Observable<T>, request: RateLimitRequest | number): Observable<T> => {
    let attempt = call;
    if (timeout) attempt = attempt.pipe(timeout as MonoTypeOperatorFunction<T>);
    if (observing) attempt = attempt.pipe(observing as MonoTypeOperatorFunction<T>);
    if (limiter) attempt = attempt.pipe(behindLimiter<T>(limiter, requestTokens(limiter, request))); // checked once, above
    if (retry) attempt = attempt.pipe(retry as unknown as MonoTypeOperatorFunction<T>);
    return attempt;
  };
}
