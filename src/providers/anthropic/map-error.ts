import type { LlmError } from '../../errors/llm-error.js';
import { readHeader, type HeaderSource } from '../shared/headers.js';
import { mapApiError, nonEmpty as str, type ErrorContext } from '../shared/map-sdk-error.js';
import { parseRetryAfter } from '../shared/parse-retry-after.js';

/** The fields of an `@anthropic-ai/sdk` `APIError` this mapper reads (duck-typed: the SDK is loaded lazily). */
interface AnthropicApiErrorLike {
  readonly status?: number;
  readonly headers?: HeaderSource;
  /** The whole error body: `{ type: 'error', error: { type, message }, request_id }`. */
  readonly error?: { readonly error?: { readonly type?: unknown; readonly message?: unknown }; readonly request_id?: unknown } | null;
  readonly type?: string | null;
  readonly apiMessage?: string | null;
  readonly requestID?: string | null;
  readonly message: string;
}

const BILLING = /billing|credit balance|quota/i;

/**
 * Translates anything `@anthropic-ai/sdk` throws into rxllm's error hierarchy: HTTP errors by status (529 and
 * `overloaded_error` are `OverloadedError`; billing errors are a quota `RateLimitError`), `event: error` inside a
 * stream and malformed chunks into `StreamError`, timeouts into `TimeoutError`, connection failures into
 * `ConnectionError` (or `StreamError` after text arrived). Never includes the API key.
 *
 * @example
 * mapAnthropicError(sdkError, { provider: 'anthropic.messages' }) instanceof OverloadedError;
 */
export function mapAnthropicError(error: unknown, context: ErrorContext): LlmError {
  return mapApiError(error, context, (e: AnthropicApiErrorLike) => {
    const inner = e.error?.error;
    const code = str(e.type) ?? str(inner?.type);
    const apiMessage = str(e.apiMessage) ?? str(inner?.message) ?? e.message;
    return {
      apiMessage,
      code,
      // An `event: error` inside a stream has no headers of its own: its body names the request.
      requestId: str(e.requestID) ?? readHeader(e.headers, 'request-id') ?? str(e.error?.request_id),
      retryAfterMs: parseRetryAfter(e.headers),
      quotaExceeded: code === 'billing_error' || (e.status === 429 && BILLING.test(apiMessage)),
      overloaded: code === 'overloaded_error',
    };
  });
}
