import { defer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import type { Generation } from '../core/generation.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { argPath, checkAbortSignal, checkDuration, checkFunction, checkNumber, checkOptions, checkScheduler, describe, schedulerOf } from '../core/validate.js';
import { asLlmError } from '../errors/as-llm-error.js';
import { isLlmError } from '../errors/llm-error.js';
import { abortErrorFor, endOnAbort } from '../platform/abort-signal.js';
import { isNeverRetried, isRetryableError } from '../errors/error-kinds.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { toTrackers, dispatchTrackingEvent } from '../tracking/dispatch-tracking-event.js';
import type { Tracker } from '../tracking/tracking-event.js';
import { classifyRateLimit, type RateLimitAction } from './classify-rate-limit.js';
import { DEFAULT_RETRY_TIMING, RETRY_TIMING_NAMES, retryDelay, type RetryTimingOptions } from './retry-timing.js';
import { runAttempts } from './run-attempts.js';

/** What `onRetry` is told before each retry. */
export interface RetryInfo {
  /** The attempt about to start: 2 for the first retry. */
  readonly attempt: number;
  /** How long it waits first, in ms. */
  readonly delayMs: number;
  /** Why the previous attempt failed. */
  readonly error: unknown;
  /** For a 429, how it was classed (`'wait'` or `'cap'`; `'stop'` is never retried). */
  readonly rateLimit?: RateLimitAction;
}

/**
 * Options of `retryGeneration`. A number means `{ maxAttempts: n }`.
 *
 * @example
 * model.generate('Hi').pipe(retryGeneration({ maxAttempts: 6, baseDelayMs: 250, onRetry: (i) => log(i) }))
 */
export interface RetryOptions extends RetryTimingOptions {
  /** Attempts in all, the first one included (so 4 means at most 3 retries). `Infinity` is allowed. @default 4 */
  readonly maxAttempts?: number;
  /**
   * No retry starts once the time since subscription plus the next delay would exceed this, in ms (at most
   * `MAX_TIMER_MS`, like every duration option). `Infinity` is allowed.
   * @default 60000
   */
  readonly maxTotalTimeMs?: number;
  /**
   * Decides whether a failure is retried (replacing the default: retryable `LlmError`s, never 400/401/403/
   * 404). `AbortError`, `InvalidArgumentError`, `ConfigurationError` and exhausted quotas are never retried,
   * whatever it says. `attempt` is the number of the attempt that failed (1-based).
   * @default retryable LlmErrors except client errors
   */
  readonly shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called before each retry. @default none */
  readonly onRetry?: (info: RetryInfo) => void;
  /** Tracking sinks told about each retry (a `retry` event), like a provider's `track` option. @default none */
  readonly track?: Tracker | readonly Tracker[];
  /** The scheduler that times the delays. @default asyncScheduler (virtual time inside `TestScheduler.run`) */
  readonly scheduler?: SchedulerLike;
  /**
   * Aborts the retried call wherever it is: waiting out a backoff or a `retry-after`, or in an attempt (which
   * is unsubscribed, aborting its request). The output then errors at once with `AbortError` (code
   * `'aborted'`, the `provider` of the last failed attempt) and nothing more is sent; an already aborted
   * signal errors before the first attempt. Pass the call's own `signal` here too: a provider honours it only
   * while its request runs, not between attempts. (`generate` does this for you from `callOptions.signal`.)
   * @default none
   */
  readonly signal?: AbortSignal;
}

/** Every `RetryOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<RetryOptions> = {
  ...RETRY_TIMING_NAMES, maxAttempts: true, maxTotalTimeMs: true, shouldRetry: true, onRetry: true, track: true, scheduler: true, signal: true,
};

/** The defaults of `RetryOptions`. */
export const DEFAULT_RETRY = { ...DEFAULT_RETRY_TIMING, maxAttempts: 4, maxTotalTimeMs: 60_000 } as const;

const JITTERS: ReadonlySet<unknown> = new Set(['full', 'decorrelated', 'none']);

/**
 * Retries a failed `model.generate(...)` or `model.stream(...)` call by subscribing to it again (which sends
 * a new request), after an exponential backoff with jitter, or after the provider's `retry-after` (capped
 * at `maxRetryAfterMs`). 429s are classed by `classifyRateLimit`: `'wait'` waits the retry-after, `'cap'`
 * backs off, `'stop'` (quota exhausted) fails at once. Bad requests (400), authentication (401),
 * permission (403), not found (404), aborts and bad arguments are never retried.
 *
 * A stream is retried only before its first content event (anything but `start` / `step-start`: text,
 * reasoning, a tool call...): nothing is buffered, and once content has been emitted downstream a retryable
 * failure errors with `StreamError` whose `partialText` is the text emitted so far (choice 0, possibly
 * empty) and whose `cause` is the original error. A retried stream may emit a `start` event per
 * attempt. Bounded by `maxAttempts` and `maxTotalTimeMs`.
 *
 * @param options a `RetryOptions` object, or a number meaning `{ maxAttempts: n }`. @default {}
 * @example
 * model.stream('Tell me a story').pipe(retryGeneration({ maxAttempts: 5, jitter: 'decorrelated' }));
 * model.generate('Hi').pipe(retryGeneration(3)); // at most 3 attempts
 */
export function retryGeneration<T extends Generation | GenerationEvent>(
  options: number | RetryOptions = {},
): MonoTypeOperatorFunction<T> {
  return retryGenerationAt<T>('', options);
}

/**
 * `retryGeneration` whose bad options are named under `path` (`retry.maxAttempts`): how `generate`'s
 * `retry` option builds it. Not public API.
 */
export function retryGenerationAt<T extends Generation | GenerationEvent>(path: string, options: number | RetryOptions = {}): MonoTypeOperatorFunction<T> {
  const o = normalizeRetryOptions(options, path);
  const maxAttempts = o.maxAttempts ?? DEFAULT_RETRY.maxAttempts;
  const maxTotalTimeMs = o.maxTotalTimeMs ?? DEFAULT_RETRY.maxTotalTimeMs;
  const maxRetryAfterMs = o.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs;
  const scheduler = schedulerOf(o.scheduler);
  const trackers = toTrackers(o.track);
  const { maxAttempts: _a, maxTotalTimeMs: _t, shouldRetry: _s, onRetry: _o, track: _k, scheduler: _c, signal, ...timing } = o;

  return (source) =>
    defer(() => {
      let previousDelayMs: number | undefined;
      let provider: string | undefined; // of the last failed attempt, for the AbortError
      return runAttempts(
        () => source,
        {
          plan: (error, attempt, elapsedMs) => {
            if (isLlmError(error) && error.provider !== undefined) provider = error.provider;
            if (isNeverRetried(error)) return { recoverable: false };
            const recoverable = o.shouldRetry ? o.shouldRetry(error, attempt) : isRetryableError(error);
            if (!recoverable || attempt >= maxAttempts) return { recoverable };
            const delayMs = retryDelay(attempt, previousDelayMs, error, timing);
            if (elapsedMs + delayMs > maxTotalTimeMs) return { recoverable };
            return { recoverable, delayMs };
          },
          announce: (error, attempt, delayMs) => {
            previousDelayMs = delayMs;
            const rateLimit = classifyRateLimit(error, maxRetryAfterMs);
            o.onRetry?.({ attempt: attempt + 1, delayMs, error, ...(rateLimit ? { rateLimit } : {}) });
            dispatchTrackingEvent(trackers, {
              type: 'retry',
              attempt: attempt + 1,
              delayMs,
              error: asLlmError(error),
              at: scheduler.now(),
            });
          },
        },
        scheduler,
      ).pipe(endOnAbort(signal, () => abortErrorFor(provider)()));
    });
}

function normalizeRetryOptions(options: number | RetryOptions, path: string): RetryOptions {
  const whole = path || 'options';
  const at = (key: string): string => argPath(path, key);
  if (typeof options === 'number') {
    checkNumber(whole, options, { min: 1, integer: true, allowInfinity: true });
    return { maxAttempts: options };
  }
  checkOptions(whole, options);
  checkKnownKeys(whole, options, OPTION_NAMES);
  checkNumber(at('maxAttempts'), options.maxAttempts, { min: 1, integer: true, allowInfinity: true });
  checkDuration(at('maxTotalTimeMs'), options.maxTotalTimeMs, { allowInfinity: true });
  checkDuration(at('baseDelayMs'), options.baseDelayMs);
  checkDuration(at('maxDelayMs'), options.maxDelayMs);
  checkDuration(at('maxRetryAfterMs'), options.maxRetryAfterMs, { allowInfinity: true });
  if (options.jitter !== undefined && !JITTERS.has(options.jitter)) {
    throw new InvalidArgumentError(at('jitter'), `must be 'full', 'decorrelated' or 'none', got ${describe(options.jitter)}`);
  }
  checkFunction(at('random'), options.random);
  checkFunction(at('shouldRetry'), options.shouldRetry);
  checkFunction(at('onRetry'), options.onRetry);
  checkScheduler(at('scheduler'), options.scheduler);
  checkAbortSignal(at('signal'), options.signal);
  return options;
}
