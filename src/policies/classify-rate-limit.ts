import { checkDuration } from '../core/validate.js';
import { isRateLimitError } from '../errors/rate-limit-error.js';
import { DEFAULT_RETRY_TIMING } from './retry-timing.js';

/**
 * What a 429 calls for:
 * - `'wait'`: the provider said how long to wait (`retryAfterMs`) and it is short (at most
 *   `maxRetryAfterMs`): wait exactly that, then retry.
 * - `'cap'`: the provider gave no `retryAfterMs`, or a longer one: too much pressure — back off (the
 *   jittered backoff, or `maxRetryAfterMs`), and let `adaptiveConcurrency` cut the number in flight.
 * - `'stop'`: the quota or credit is exhausted (`quotaExceeded`): waiting will not help, never retry.
 */
export type RateLimitAction = 'wait' | 'cap' | 'stop';

/**
 * Classifies a 429. Returns `undefined` for anything that is not a `RateLimitError`.
 *
 * @param error the failure.
 * @param maxRetryAfterMs the longest `retry-after` still classed `'wait'` (a number >= 0 or `Infinity`,
 *   else `InvalidArgumentError`). @default 30000
 * @example
 * classifyRateLimit(new RateLimitError('slow down', { retryAfterMs: 2000 }));          // 'wait'
 * classifyRateLimit(new RateLimitError('slow down'));                                  // 'cap'
 * classifyRateLimit(new RateLimitError('no credit', { quotaExceeded: true }));         // 'stop'
 * classifyRateLimit(new ServerError('boom'));                                          // undefined
 */
export function classifyRateLimit(
  error: unknown,
  maxRetryAfterMs: number = DEFAULT_RETRY_TIMING.maxRetryAfterMs,
): RateLimitAction | undefined {
  checkDuration('maxRetryAfterMs', maxRetryAfterMs, { allowInfinity: true });
  if (!isRateLimitError(error)) return undefined;
  if (error.quotaExceeded) return 'stop';
  const after = error.retryAfterMs;
  return after !== undefined && Number.isFinite(after) && after >= 0 && after <= maxRetryAfterMs ? 'wait' : 'cap';
}
