// THE classification of errors: which ones no policy retries, which a retry cannot fix, which one moves a
// fallback on, and which stop a bulk run. Every policy, model wrapper and the CLI asks here.
import { isLlmError } from './llm-error.js';
import { isRateLimitError, type RateLimitError } from './rate-limit-error.js';

/** The caller's doing, not the provider's: no retry, no fallback, whatever else they say. */
const CALLERS_FAULT: ReadonlySet<string> = new Set(['AbortError', 'InvalidArgumentError', 'ConfigurationError']);

/** Errors that a retry of the same request cannot fix (HTTP 400/401/403/404 and their classes). */
const CLIENT_ERRORS: ReadonlySet<string> = new Set(['BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError']);
const CLIENT_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404, 413, 422]);

/** After these, no other request of a run can succeed (the key, the model or the account is the problem). */
const FATAL_FOR_RUN: ReadonlySet<string> = new Set(['AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'ConfigurationError']);

/** True for an abort, a bad argument or a configuration error: the caller's doing. */
export function isCallersFault(error: unknown): boolean {
  return isLlmError(error) && CALLERS_FAULT.has(error.name);
}

/** True for a 429 that waiting can fix (not an exhausted quota). */
export function isTransientRateLimit(error: unknown): error is RateLimitError {
  return isRateLimitError(error) && !error.quotaExceeded;
}

/** True when no policy may ever retry `error`: abort, bad arguments, configuration, exhausted quota. */
export function isNeverRetried(error: unknown): boolean {
  return isCallersFault(error) || (isRateLimitError(error) && error.quotaExceeded);
}

/** True when `error` says the request itself is wrong (400/401/403/404/413/422 or their classes). */
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

/**
 * The default fallback predicate: what another model may not suffer (an outage, a timeout, any 429 — an
 * exhausted quota too, the next model may have its own), but never the caller's fault or a client error.
 */
export function isFallbackWorthy(error: unknown): boolean {
  if (!isLlmError(error) || isCallersFault(error) || isClientError(error)) return false;
  return error.isRetryable || isRateLimitError(error);
}

/** True when no further request of a bulk run can succeed: an exhausted quota, a bad key, a missing model. */
export function isFatalForRun(error: unknown): boolean {
  if (!isLlmError(error)) return false;
  return FATAL_FOR_RUN.has(error.name) || (isRateLimitError(error) && error.quotaExceeded);
}
