import { isLlmError } from '../errors/llm-error.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { MAX_TIMER_MS, checkNumber, checkOptions } from '../core/validate.js';

/**
 * How the backoff delay is randomised ("jitter"), so that many clients failing together do not retry
 * together:
 * - `'full'`: a uniform random delay in `[0, min(maxDelayMs, baseDelayMs * 2^(retry-1)))` (AWS "full jitter").
 * - `'decorrelated'`: `min(maxDelayMs, baseDelayMs + random * (3 * previousDelay - baseDelayMs))`, where the
 *   first previous delay is `baseDelayMs` (AWS "decorrelated jitter": grows about 3x per retry, never below base).
 * - `'none'`: exactly `min(maxDelayMs, baseDelayMs * 2^(retry-1))`.
 */
export type JitterMode = 'full' | 'decorrelated' | 'none';

/**
 * Timing of retries: exponential backoff with jitter, and how far to trust the provider's `retry-after`.
 *
 * @example
 * retryGeneration({ baseDelayMs: 250, maxDelayMs: 8000, jitter: 'decorrelated', maxRetryAfterMs: 20_000 })
 */
export interface RetryTimingOptions {
  /** The first backoff step, in ms (at most `MAX_TIMER_MS`, like every duration option). @default 500 */
  readonly baseDelayMs?: number;
  /** No backoff delay is longer than this, in ms. @default 20000 */
  readonly maxDelayMs?: number;
  /** The jitter mode. @default 'full' */
  readonly jitter?: JitterMode;
  /**
   * The longest `retryAfterMs` (from the provider's `retry-after-ms`/`retry-after` header) waited as it is.
   * A longer one is capped to this, and a 429 carrying one is classed `'cap'` rather than `'wait'`. With
   * `Infinity`, a server's retry-after is still capped at `MAX_TIMER_MS` (the longest timer there is).
   * @default 30000
   */
  readonly maxRetryAfterMs?: number;
  /** The random source, a function returning numbers in `[0, 1)`; inject one in tests. @default Math.random */
  readonly random?: () => number;
}

/** Every `RetryTimingOptions` name (any other throws `InvalidArgumentError`). */
export const RETRY_TIMING_NAMES: KnownKeys<RetryTimingOptions> = {
  baseDelayMs: true, maxDelayMs: true, jitter: true, maxRetryAfterMs: true, random: true,
};

/** The defaults of `RetryTimingOptions`. */
export const DEFAULT_RETRY_TIMING = {
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  jitter: 'full',
  maxRetryAfterMs: 30_000,
} as const satisfies RetryTimingOptions;

/**
 * The delay before retry number `retry` (1 for the first retry), in whole milliseconds.
 * When `error` carries `retryAfterMs`, that is used (capped at `maxRetryAfterMs`, and at `MAX_TIMER_MS`): the
 * provider knows best.
 * Otherwise the jittered exponential backoff. `previousDelayMs` is the delay used before the previous retry
 * (only the `'decorrelated'` mode uses it; pass `undefined` for the first retry). A `retry` that is not an
 * integer >= 1, or a negative `previousDelayMs`, throws `InvalidArgumentError`.
 *
 * @example
 * retryDelay(1, undefined, new ServerError('boom'), { jitter: 'none' });               // 500
 * retryDelay(3, undefined, new ServerError('boom'), { jitter: 'none' });               // 2000
 * retryDelay(1, undefined, new RateLimitError('slow', { retryAfterMs: 1200 }), {});   // 1200
 */
export function retryDelay(
  retry: number,
  previousDelayMs: number | undefined,
  error: unknown,
  options: RetryTimingOptions = {},
): number {
  checkNumber('retry', retry, { min: 1, integer: true });
  if (retry === undefined) checkNumber('retry', null);
  checkNumber('previousDelayMs', previousDelayMs);
  checkOptions('options', options);
  checkKnownKeys('options', options, RETRY_TIMING_NAMES);
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_RETRY_TIMING.maxRetryAfterMs;
  const retryAfterMs = isLlmError(error) ? error.retryAfterMs : undefined;
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.ceil(Math.min(retryAfterMs, maxRetryAfterMs, MAX_TIMER_MS));
  }
  return backoffDelay(retry, previousDelayMs, options);
}

/** The jittered exponential backoff alone (ignores `retry-after`). See `JitterMode`. */
export function backoffDelay(retry: number, previousDelayMs: number | undefined, options: RetryTimingOptions = {}): number {
  const base = options.baseDelayMs ?? DEFAULT_RETRY_TIMING.baseDelayMs;
  const max = options.maxDelayMs ?? DEFAULT_RETRY_TIMING.maxDelayMs;
  const random = options.random ?? Math.random;
  const jitter = options.jitter ?? DEFAULT_RETRY_TIMING.jitter;
  const exponential = Math.min(max, base * 2 ** Math.max(0, retry - 1));
  switch (jitter) {
    case 'none':
      return Math.floor(exponential);
    case 'full':
      return Math.floor(random() * exponential);
    case 'decorrelated': {
      const previous = previousDelayMs ?? base;
      return Math.floor(Math.min(max, base + random() * Math.max(0, previous * 3 - base)));
    }
  }
}
