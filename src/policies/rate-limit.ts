import { defer, switchMap, tap, type MonoTypeOperatorFunction } from 'rxjs';
import type { Usage } from '../core/generation.js';
import { checkKnownKeys } from '../core/known-keys.js';
import { checkAbortSignal, checkNumber, checkOptions, describe } from '../core/validate.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { abortErrorFor, endOnAbort } from '../platform/abort-signal.js';
import { isRateLimitError } from '../errors/rate-limit-error.js';
import type { RateLimiter } from './rate-limiter/rate-limiter.js';
import { REQUEST_NAMES, type RateLimitRequest } from './rate-limiter/rate-limits.js';
import { failureCost, type FailedRequest } from './rate-limiter/failure-cost.js';

/**
 * Puts one `model.generate(...)` or `model.stream(...)` call behind a shared `RateLimiter`: the call is
 * not subscribed to (no request is sent) until the limiter admits it. With a `tokensPerMinute` limit, the
 * request's tokens are estimated first (`limiter.estimate(request)`) and reserved; the usage the call
 * reports (`Generation.usage` or the stream's `usage` event) then corrects the reservation
 * (`limiter.reconcile`). A request that fails or is cancelled without reporting usage is charged by
 * `failureCost`: nothing when the provider counted nothing (a 4xx such as 400/413/422, a 429, a connection
 * never made, an abort or cancellation before the provider answered), else the whole estimate (a 5xx, a
 * timeout, a stream broken after its first tokens). A 429 carrying `retryAfterMs` pauses the limiter
 * (`limiter.penalize`), so one 429 slows every pipeline sharing it. Put it inside `retryGeneration` so each attempt waits its turn.
 * With `request.signal`, aborting ends the wait for a turn at once with `AbortError` (the place is given
 * up, nothing is sent) or, once admitted, the call itself.
 *
 * @param limiter from `createRateLimiter` (one process) or `redisRateLimiter` (many processes).
 * @param request the prompt and `maxTokens` of the call, for the token estimate, and its `signal`; or the
 *   call's token count itself when the caller has counted it (an embedding batch: its input tokens, no
 *   completion; end its waits with the call's own signal and `takeUntil`-style operators). @default no tokens
 * @example
 * const limiter = createRateLimiter({ requestsPerMinute: 500, tokensPerMinute: 200_000 });
 * model.generate(p, { maxTokens: 200 }).pipe(rateLimit(limiter, { input: p, maxTokens: 200 }), retryGeneration());
 */
export function rateLimit<T>(limiter: RateLimiter, request?: RateLimitRequest | number): MonoTypeOperatorFunction<T> {
  checkRateLimiter(limiter, 'limiter');
  if (typeof request === 'number') checkNumber('request', request);
  else {
    checkOptions('request', request);
    checkKnownKeys('request', request, REQUEST_NAMES);
    checkAbortSignal('request.signal', request?.signal);
  }
  const signal = typeof request === 'object' ? request.signal : undefined;
  return behindLimiter<T>(limiter, requestTokens(limiter, request), signal);
}

/** The tokens `request` reserves: a count as it is, else the limiter's estimate (0 without a token limit). Not public API. */
export function requestTokens(limiter: RateLimiter, request: RateLimitRequest | number | undefined): number {
  if (typeof request === 'number') return limiter.limitsTokens ? request : 0;
  return request ? limiter.estimate(request) : 0; // an invalid prompt throws here, at once
}

/**
 * `rateLimit` with its arguments already checked and the tokens already counted: how the per-request policy
 * chain (`generate`'s `rateLimit` option) puts each request behind the limiter. Not public API.
 */
export function behindLimiter<T>(limiter: RateLimiter, estimate: number, signal?: AbortSignal): MonoTypeOperatorFunction<T> {
  const ending = endOnAbort<T>(signal, abortErrorFor(undefined));
  return (source) =>
    defer(() => {
      const reserved = estimate;
      let admitted = false; // the reservation was taken
      let answered = false; // the call emitted something
      let settled = false; // the reservation was corrected with usage, or the call completed (it stays spent)
      const charge = (failure: FailedRequest): void => {
        if (!admitted || settled || reserved === 0) return;
        settled = true;
        limiter.reconcile(reserved, failureCost(reserved, failure));
      };
      return limiter.acquire(reserved).pipe(
        switchMap(() => {
          admitted = true;
          return source;
        }),
        tap({
          next: (value) => {
            answered = true;
            const usage = (value as { usage?: Usage } | null)?.usage;
            if (!settled && usage !== undefined && typeof usage.totalTokens === 'number') {
              settled = true;
              limiter.reconcile(reserved, usage.totalTokens);
            }
          },
          complete: () => {
            settled = true; // without usage, the estimate stays spent
          },
          error: (error: unknown) => {
            if (isRateLimitError(error) && !error.quotaExceeded && error.retryAfterMs !== undefined) {
              limiter.penalize(error.retryAfterMs);
            }
            charge({ error, answered });
          },
          unsubscribe: () => charge({ answered }), // cancelled (also by the request's signal)
        }),
      );
    }).pipe(ending);
}

/** Throws `InvalidArgumentError` naming `argument` unless `limiter` looks like a `RateLimiter`. */
export function checkRateLimiter(limiter: unknown, argument: string): asserts limiter is RateLimiter {
  const l = limiter as Partial<RateLimiter> | null;
  if (typeof l !== 'object' || l === null || typeof l.acquire !== 'function') {
    throw new InvalidArgumentError(argument, `must be a RateLimiter from createRateLimiter() or redisRateLimiter(), got ${describe(limiter)}`);
  }
}
