import type { Usage } from '../../core/generation.js';
import { AuthenticationError } from '../../errors/authentication-error.js';
import { BadRequestError } from '../../errors/bad-request-error.js';
import { ConnectionError } from '../../errors/connection-error.js';
import { LlmError, isLlmError } from '../../errors/llm-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import { OverloadedError } from '../../errors/overloaded-error.js';
import { PermissionDeniedError } from '../../errors/permission-denied-error.js';
import { RateLimitError } from '../../errors/rate-limit-error.js';
import { redact } from '../../errors/redact.js';
import { ServerError } from '../../errors/server-error.js';
import { StreamError } from '../../errors/stream-error.js';
import { TimeoutError } from '../../errors/timeout-error.js';

/** What the provider-specific mappers know about the call an error came from. */
export interface ErrorContext {
  /** The provider key, e.g. `"openai.chat"`. */
  readonly provider: string;
  /** True while reading a streamed response. */
  readonly streaming?: boolean;
  /** Text received so far (choice 0), for `StreamError.partialText`. */
  readonly partialText?: string;
  /** True once any content (text, reasoning, a tool call) was emitted: failures after that cannot be retried transparently. */
  readonly contentStarted?: boolean;
  /** The usage the provider had reported before the failure (it goes on the error). */
  readonly usage?: Usage;
  /** The request id known before the failure (a stream's header, else its chunk or message id), when the error has none. */
  readonly requestId?: string;
  /** The SDK's request timeout, for `TimeoutError.timeoutMs`. */
  readonly timeoutMs?: number;
  /** Milliseconds since the request was handed to the SDK (tells an SDK timeout from other connection errors). */
  readonly elapsedMs?: number;
}

/** The facts a provider mapper extracts from an SDK `APIError` that carries an HTTP status. */
export interface StatusErrorFacts {
  readonly status: number;
  readonly apiMessage: string;
  readonly code?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  /** Out of quota or credit (OpenAI `insufficient_quota`, Anthropic billing errors). */
  readonly quotaExceeded: boolean;
  /** The provider said it is overloaded (Anthropic `overloaded_error`). */
  readonly overloaded: boolean;
}

/** What a provider mapper reads from its SDK's `APIError`: everything but the HTTP status. */
export type ApiErrorFacts = Omit<StatusErrorFacts, 'status'>;

/**
 * The one mapping of what an SDK throws: rxllm errors pass through; anything that is not the SDK's
 * `APIError` (a timeout, a connection failure, a parse error, a user abort) by `errorWithoutStatus`; an
 * `APIError` by its status (`errorFromStatus`) or, without one (an error event inside a stream), as a
 * `StreamError`, with the facts the provider's `facts` reads from it.
 *
 * @example
 * const mapMyError = (error, context) => mapApiError(error, context, (e: MyApiError) => ({ apiMessage: e.message, quotaExceeded: false, overloaded: false }));
 */
export function mapApiError<E extends { readonly status?: unknown }>(error: unknown, context: ErrorContext, facts: (e: E) => ApiErrorFacts): LlmError {
  if (isLlmError(error)) return error;
  const names = classNames(error);
  if (!names.includes('APIError') || names.includes('APIConnectionError') || names.includes('APIUserAbortError')) {
    return errorWithoutStatus(error, context);
  }
  const e = error as E;
  const f = facts(e);
  if (typeof e.status === 'number') return errorFromStatus({ ...f, status: e.status }, context, error);
  return streamErrorEvent(f, context, error);
}

/** A non-empty string field of an error body, else undefined. */
export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The names of the classes `value` is an instance of, most derived first (SDK errors set no `name`). */
export function classNames(value: unknown): string[] {
  const names: string[] = [];
  let proto: unknown = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : null;
  while (proto && proto !== Object.prototype) {
    const ctor = (proto as { constructor?: { name?: unknown } }).constructor;
    if (typeof ctor?.name === 'string') names.push(ctor.name);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

/**
 * A safe stand-in for an SDK error as `cause`: same class name, redacted message, and none of the SDK error's
 * fields (its `error` body and `headers` can echo the API key, and `util.inspect` prints them).
 */
export function safeCause(error: unknown): Error | undefined {
  if (!isErrorLike(error)) return undefined;
  const copy = new Error(redact(error.message));
  copy.name = classNames(error)[0] ?? error.name;
  return copy;
}

/** An Error from any realm (undici's errors come from Node's realm, not a test runner's `vm` context). */
export function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' && typeof (value as Error).name === 'string';
}

/** Maps an HTTP error status (with the provider's facts) to rxllm's error class. */
export function errorFromStatus(facts: StatusErrorFacts, context: ErrorContext, cause: unknown): LlmError {
  const { status } = facts;
  const options = {
    provider: context.provider,
    statusCode: status,
    requestId: facts.requestId,
    code: facts.code,
    retryAfterMs: facts.retryAfterMs,
    cause: safeCause(cause),
  };
  const message = `${context.provider}: HTTP ${status}: ${facts.apiMessage || 'no message'}`;
  if (status === 429 || status === 402 || facts.quotaExceeded) {
    return new RateLimitError(message, { ...options, quotaExceeded: facts.quotaExceeded || status === 402 });
  }
  if (facts.overloaded || status === 503 || status === 529) return new OverloadedError(message, options);
  if (status === 401) return new AuthenticationError(message, options);
  if (status === 403) return new PermissionDeniedError(message, options);
  if (status === 404) return new NotFoundError(message, options);
  // 408 (request timeout) and 409 (conflict / lock timeout) are transient: the SDKs retry them too.
  if (status === 408 || status === 409 || status >= 500) return new ServerError(message, options);
  return new BadRequestError(message, options);
}

/** An error event inside a stream (the HTTP status was 200): a `StreamError` with what arrived before it. */
export function streamErrorEvent(facts: Omit<StatusErrorFacts, 'status'>, context: ErrorContext, cause: unknown): StreamError {
  const transient = facts.overloaded || /overloaded|server_error|api_error|rate_limit|timeout/i.test(facts.code ?? '');
  return new StreamError(`${context.provider}: error event in the stream: ${facts.apiMessage || facts.code || 'no message'}`, {
    provider: context.provider,
    ...(context.usage ? { usage: context.usage } : {}),
    requestId: facts.requestId ?? context.requestId,
    code: facts.code,
    retryAfterMs: facts.retryAfterMs,
    partialText: context.partialText ?? '',
    // Before any content was emitted, a transient error event can be retried like the HTTP error it stands for.
    isRetryable: !context.contentStarted && transient,
    cause: safeCause(cause),
  });
}

/**
 * Maps what is not an HTTP status error: rxllm errors pass through; SDK timeouts become `TimeoutError`;
 * connection failures become `ConnectionError` (or `StreamError` once text arrived); a chunk that is not JSON
 * becomes `StreamError`, a non-streamed body that is not JSON a retryable `ServerError` (`malformed_response`);
 * anything else becomes a plain, non-retryable `LlmError`.
 */
export function errorWithoutStatus(error: unknown, context: ErrorContext): LlmError {
  if (isLlmError(error)) return error;
  const names = classNames(error);
  const message = isErrorLike(error) ? error.message : String(error);
  const base = {
    provider: context.provider,
    cause: safeCause(error),
    ...(context.usage ? { usage: context.usage } : {}),
    ...(context.requestId ? { requestId: context.requestId } : {}),
  };
  // The SDK raises APIConnectionTimeoutError when its timer fires. Where fetch's AbortError comes from another
  // realm (test runners' vm contexts) the SDK cannot tell and raises a plain APIConnectionError: a connection
  // error no sooner than the timeout before any response is the same timeout.
  const timedOut =
    names.includes('APIConnectionTimeoutError') ||
    (names.includes('APIConnectionError') && context.timeoutMs !== undefined && (context.elapsedMs ?? 0) >= context.timeoutMs);
  if (timedOut) {
    return new TimeoutError(`${context.provider}: the request timed out before the response started (SDK timeout)`, {
      ...base,
      timeout: 'first-token',
      timeoutMs: context.timeoutMs ?? 0,
    });
  }
  if (context.streaming && isSyntaxError(error, names)) {
    return new StreamError(`${context.provider}: malformed chunk in the stream: ${message}`, {
      ...base,
      code: 'malformed_chunk',
      partialText: context.partialText ?? '',
    });
  }
  if (isSyntaxError(error, names)) {
    // A 200 whose body is not JSON (a proxy's HTML page, a truncated body): the server's fault, worth a retry.
    return new ServerError(`${context.provider}: the response body is not valid JSON: ${message}`, { ...base, code: 'malformed_response' });
  }
  if (names.includes('APIConnectionError') || isNetworkError(error)) {
    if (context.contentStarted) {
      return new StreamError(`${context.provider}: the connection dropped in the middle of the stream: ${message}`, {
        ...base,
        code: 'connection_dropped',
        partialText: context.partialText ?? '',
      });
    }
    const code = networkCode(error); // ECONNREFUSED, ENOTFOUND...: what the rate limiter's failureCost reads
    return new ConnectionError(`${context.provider}: connection failed: ${describeNetworkError(error)}`, { ...base, ...(code ? { code } : {}) });
  }
  return new LlmError(`${context.provider}: unexpected error: ${message}`, base);
}

function isSyntaxError(error: unknown, names: readonly string[]): boolean {
  return names.includes('SyntaxError') || (isErrorLike(error) && error.name === 'SyntaxError');
}

const NETWORK_CODES = /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|UND_ERR_\w+)$/;

/** True for fetch/undici/socket failures ("terminated", "fetch failed", ECONNRESET...). */
function isNetworkError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; isErrorLike(e) && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.test(code)) return true;
    if (e.name === 'TypeError' && /terminated|fetch failed|network|socket/i.test(e.message)) return true;
    if (/other side closed|socket hang up/i.test(e.message)) return true;
  }
  return false;
}

/** The first network error code (`ECONNREFUSED`, `UND_ERR_SOCKET`...) in the cause chain, if any. */
function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; isErrorLike(e) && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.test(code)) return code;
  }
  return undefined;
}

/** The message of the innermost cause of a network error (undici hides the useful part in `cause`). */
function describeNetworkError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; isErrorLike(e) && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${e.message} (${code})` : e.message);
  }
  return parts.join(': ') || String(error);
}
