import { defer, switchMap, tap, type MonoTypeOperatorFunction } from 'rxjs';
import type { Usage } from '../core/generation.js';
import { checkKnownKeys } from '../core/known-keys.js';
import { checkNumber, checkOptions, describe } from '../core/validate.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { isRateLimitError } from '../errors/rate-limit-error.js';
import { REQUEST_NAMES, type RateLimiter, type RateLimitRequest } from './rate-limiter/rate-limiter.js';

/**
 * Puts one `model.generate(...)` or `model.stream(...)` call behind a shared `RateLimiter`: the call is
 * not subscribed to (no request is sent) until the limiter admits it. With a `tokensPerMinute` limit, the
 * request's tokens are estimated first (`limiter.estimate(request)`) and reserved; the usage the call
 * reports (`Generation.usage` or the stream's `usage` event) then corrects the reservation
 * (`limiter.reconcile`). A 429 carrying `retryAfterMs` pauses the limiter (`limiter.penalize`), so one
 * 429 slows every pipeline sharing it. Put it inside `retryGeneration` so each attempt waits its turn.
 *
 * @param limiter from `createRateLimiter` (one process) or `redisRateLimiter` (many processes).
 * @param request the prompt and `maxTokens` of the call, for the token estimate; or the call's token count
 *   itself when the caller has counted it (an embedding batch: its input tokens, no completion). @default no tokens
 * @example
 * const limiter = createRateLimiter({ requestsPerMinute: 500, tokensPerMinute: 200_000 });
 * model.generate(p, { maxTokens: 200 }).pipe(rateLimit(limiter, { input: p, maxTokens: 200 }), retryGeneration());
 */
export function rateLimit<T>(limiter: RateLimiter, request?: RateLimitRequest | number): MonoTypeOperatorFunction<T> {
  checkRateLimiter(limiter, 'limiter');
  let estimate: number;
  if (typeof request === 'number') {
    checkNumber('request', request);
    estimate = limiter.limitsTokens ? request : 0;
  } else {
    checkOptions('request', request);
    checkKnownKeys('request', request, REQUEST_NAMES);
    estimate = request ? limiter.estimate(request) : 0; // an invalid prompt throws here, at once
  }

  return (source) =>
    defer(() => {
      const reserved = estimate;
      let reconciled = false;
      return limiter.acquire(reserved).pipe(
        switchMap(() => source),
        tap({
          next: (value) => {
            const usage = (value as { usage?: Usage } | null)?.usage;
            if (!reconciled && usage !== undefined && typeof usage.totalTokens === 'number') {
              reconciled = true;
              limiter.reconcile(reserved, usage.totalTokens);
            }
          },
          error: (error: unknown) => {
            if (isRateLimitError(error) && !error.quotaExceeded && error.retryAfterMs !== undefined) {
              limiter.penalize(error.retryAfterMs);
            }
          },
        }),
      );
    });
}

/** Throws `InvalidArgumentError` naming `argument` unless `limiter` looks like a `RateLimiter`. */
export function checkRateLimiter(limiter: unknown, argument: string): asserts limiter is RateLimiter {
  const l = limiter as Partial<RateLimiter> | null;
  if (typeof l !== 'object' || l === null || typeof l.acquire !== 'function') {
    throw new InvalidArgumentError(argument, `must be a RateLimiter from createRateLimiter() or redisRateLimiter(), got ${describe(limiter)}`);
  }
}
