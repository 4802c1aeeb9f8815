// Shared helpers of the per-request policies (retry, timeout, rate limit, adaptive concurrency, fallback,
// cache). Not public API.
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { LlmError, isLlmError } from '../errors/llm-error.js';
import type { RateLimitError } from '../errors/rate-limit-error.js';
import type { GenerationEvent, TextDeltaEvent } from '../model/generation.js';
import { describe } from '../model/prompt.js';
import { dispatchTrackingEvent } from '../tracking/dispatch-tracking-event.js';
import type { Tracker, TrackingEvent } from '../tracking/tracking-event.js';

/** Errors that no policy ever retries or falls back on: the caller's doing, not the provider's. */
const NEVER_RETRIED: ReadonlySet<string> = new Set(['AbortError', 'InvalidArgumentError', 'ConfigurationError']);

/** Errors that a retry of the same request cannot fix (HTTP 400/401/403/404 and their classes). */
const CLIENT_ERRORS: ReadonlySet<string> = new Set([
  'BadRequestError',
  'AuthenticationError',
  'PermissionDeniedError',
  'NotFoundError',
]);
const CLIENT_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404, 413, 422]);

/** The scheduler to use: the one given, else `asyncScheduler` (virtual time inside `TestScheduler.run`). */
export function schedulerOf(scheduler: SchedulerLike | undefined): SchedulerLike {
  return scheduler ?? asyncScheduler;
}

/** True for a `RateLimitError` from any copy of rxllm. */
export function isRateLimitError(error: unknown): error is RateLimitError {
  return isLlmError(error) && error.name === 'RateLimitError';
}

/** True for a 429 that waiting can fix (not an exhausted quota). */
export function isTransientRateLimit(error: unknown): error is RateLimitError {
  return isRateLimitError(error) && !error.quotaExceeded;
}

/** True when no policy may ever retry `error`: abort, bad arguments, configuration, exhausted quota. */
export function isNeverRetried(error: unknown): boolean {
  if (!isLlmError(error)) return false;
  return NEVER_RETRIED.has(error.name) || (isRateLimitError(error) && error.quotaExceeded);
}

/** True when `error` says the request itself is wrong (400/401/403/404 or their classes). */
export function isClientError(error: unknown): boolean {
  if (!isLlmError(error)) return false;
  return CLIENT_ERRORS.has(error.name) || (error.statusCode !== undefined && CLIENT_STATUSES.has(error.statusCode));
}

/**
 * The default retry predicate: an `LlmError` that says it is retryable and is neither a client error nor
 * one of the never-retried kinds. Plain errors (not `LlmError`) are bugs, not outages: not retried.
 */
export function isRetryableError(error: unknown): boolean {
  return isLlmError(error) && error.isRetryable && !isClientError(error) && !isNeverRetried(error);
}

/** `error` as an `LlmError` (itself when it is one), for tracking payloads. */
export function toLlmError(error: unknown): LlmError {
  if (isLlmError(error)) return error;
  const message = error instanceof Error ? error.message : 'Non-error value thrown';
  return new LlmError(message, { cause: error });
}

/** True for a `text-delta` stream event. */
export function isTextDelta(value: unknown): value is TextDeltaEvent {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'text-delta';
}

/** True for a `start` stream event. */
export function isStartEvent(value: unknown): value is Extract<GenerationEvent, { type: 'start' }> {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'start';
}

/** Sends `event` to every tracker (a tracker that throws is ignored). */
export function emitTracking(trackers: readonly Tracker[], event: TrackingEvent): void {
  if (trackers.length > 0) dispatchTrackingEvent(trackers, event);
}

/** Throws `InvalidArgumentError` unless `value` is undefined or a number >= `min` (integer if asked). */
export function checkNumber(
  argument: string,
  value: unknown,
  { min = 0, integer = false, allowInfinity = false }: { min?: number; integer?: boolean; allowInfinity?: boolean } = {},
): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new InvalidArgumentError(argument, `must be a number, got ${describe(value)}`);
  }
  if (value === Infinity && allowInfinity) return;
  if (!Number.isFinite(value)) throw new InvalidArgumentError(argument, 'must be a finite number');
  if (integer && !Number.isInteger(value)) throw new InvalidArgumentError(argument, 'must be an integer');
  if (value < min) throw new InvalidArgumentError(argument, `must be >= ${min}, got ${value}`);
}

/** Throws `InvalidArgumentError` unless `value` is undefined or a function. */
export function checkFunction(argument: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new InvalidArgumentError(argument, `must be a function, got ${describe(value)}`);
  }
}

/** Throws `InvalidArgumentError` unless `value` is undefined or a scheduler (has `now` and `schedule`). */
export function checkScheduler(argument: string, value: unknown): void {
  if (value === undefined) return;
  const s = value as Partial<SchedulerLike> | null;
  if (typeof s !== 'object' || s === null || typeof s.now !== 'function' || typeof s.schedule !== 'function') {
    throw new InvalidArgumentError(argument, `must be an RxJS scheduler, got ${describe(value)}`);
  }
}

/** Throws `InvalidArgumentError` unless `value` is undefined or a plain object (for option bags). */
export function checkOptions(argument: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new InvalidArgumentError(argument, `must be an options object, got ${describe(value)}`);
  }
}
