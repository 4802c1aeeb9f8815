import type { Usage } from '../core/generation.js';
import { redact } from './redact.js';

const BRAND = Symbol.for('rxllm.LlmError');

/** What every rxllm error can carry. All fields are optional except `message`. */
export interface LlmErrorOptions {
  /** The provider key, e.g. `"openai.chat"`. @default undefined (not a provider's error) */
  readonly provider?: string;
  /** The HTTP status the provider answered with. @default undefined (no HTTP answer) */
  readonly statusCode?: number;
  /** The provider's request id, for support tickets. @default undefined */
  readonly requestId?: string;
  /** How long the provider asked us to wait before retrying (from `retry-after-ms` / `retry-after`). @default undefined */
  readonly retryAfterMs?: number;
  /** The provider's own error type or code, e.g. `"rate_limit_exceeded"`, `"overloaded_error"`. @default undefined */
  readonly code?: string;
  /** Overrides the class's default retryability. @default the class's (e.g. `true` for `ServerError`) */
  readonly isRetryable?: boolean;
  /** The underlying error (an SDK error, a socket error), redacted. @default undefined */
  readonly cause?: unknown;
  /** The tokens the call had used when it failed (a stream that broke after its usage was known). @default undefined */
  readonly usage?: Usage;
}

/**
 * The base of every error rxllm raises. Use `instanceof LlmError` in one realm, or `isLlmError(e)` across
 * realms (worker threads, duplicated installs). Messages never contain API keys.
 *
 * @example
 * model.generate('Hi').subscribe({ error: (e) => { if (isLlmError(e) && e.isRetryable) retryLater(); } });
 */
export class LlmError extends Error {
  override readonly name: string = 'LlmError';
  readonly provider?: string;
  readonly statusCode?: number;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly code?: string;
  /** The tokens the call had used when it failed, when the provider had reported them. */
  readonly usage?: Usage;
  /** Whether trying the same request again may succeed. */
  readonly isRetryable: boolean;

  constructor(message: string, options: LlmErrorOptions = {}, defaultRetryable = false) {
    super(redact(message), options.cause === undefined ? undefined : { cause: redactCause(options.cause) });
    // The stack is not read here: V8 formats it on first read, from `name` and the (redacted) message. Read
    // now, it would begin "LlmError:" for every subclass, whose own `name` field is set after this returns.
    Object.defineProperty(this, BRAND, { value: true });
    if (options.provider !== undefined) this.provider = options.provider;
    if (options.statusCode !== undefined) this.statusCode = options.statusCode;
    // requestId and code come verbatim from the server's answer: redacted too, in case it echoes a key.
    if (options.requestId !== undefined) this.requestId = redactField(options.requestId);
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.code !== undefined) this.code = redactField(options.code);
    if (options.usage !== undefined) this.usage = options.usage;
    this.isRetryable = options.isRetryable ?? defaultRetryable;
  }

  /** A plain, redacted summary, safe to log or send: no stack, no raw cause. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message, isRetryable: this.isRetryable };
    // Every field set (the common ones and a subclass's own: `partialText`, `text`, `timeout`...); each was
    // redacted when it was set.
    for (const [k, v] of Object.entries(this)) {
      if (!(k in out) && v !== undefined && k !== 'stack') out[k] = v;
    }
    if (this.cause instanceof Error) out.cause = { name: this.cause.name, message: redact(this.cause.message) };
    return out;
  }
}

/** A server-given string field, redacted (other types pass unchanged). */
function redactField<T>(value: T): T {
  return (typeof value === 'string' ? redact(value) : value) as T;
}

/**
 * True for any rxllm error, even one created by another copy of rxllm (cross-realm safe).
 *
 * @example
 * if (isLlmError(error) && error.isRetryable) retryLater();
 */
export function isLlmError(value: unknown): value is LlmError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * Builds the cross-realm guard of the error class named `name`: true for an rxllm error (any copy) whose
 * `name` is that literal. Every error class exports one (`isRateLimitError`, `isTimeoutError`...).
 *
 * @example
 * export const isServerError = errorGuard<ServerError>('ServerError');
 */
export function errorGuard<T extends LlmError>(name: T['name']): (value: unknown) => value is T {
  return (value: unknown): value is T => isLlmError(value) && value.name === name;
}

/**
 * Returns `cause` unchanged when nothing secret shows in it; otherwise a copy (same prototype, same fields)
 * whose message, stack and own string fields are redacted, recursively through its own `cause`.
 */
function redactCause(cause: unknown, depth = 0): unknown {
  if (!(cause instanceof Error) || depth > 5) return cause;
  const inner = (cause as { cause?: unknown }).cause;
  const redactedInner = inner === undefined ? undefined : redactCause(inner, depth + 1);
  const text = `${cause.message}\n${cause.stack ?? ''}`;
  if (redact(text) === text && redactedInner === inner) return cause;
  const copy = Object.create(Object.getPrototypeOf(cause) as object) as Error;
  for (const key of Object.keys(cause)) {
    const v = (cause as unknown as Record<string, unknown>)[key];
    (copy as unknown as Record<string, unknown>)[key] = typeof v === 'string' ? redact(v) : v;
  }
  Object.defineProperty(copy, 'message', { value: redact(cause.message), writable: true, configurable: true });
  Object.defineProperty(copy, 'stack', { value: redact(cause.stack ?? ''), writable: true, configurable: true });
  if (inner !== undefined) Object.defineProperty(copy, 'cause', { value: redactedInner, writable: true, configurable: true });
  return copy;
}
