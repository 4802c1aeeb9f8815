import type { LlmError } from '../../errors/llm-error.js';
import { readHeader, type HeaderSource } from '../shared/headers.js';
import { mapApiError, nonEmpty as str, type ErrorContext } from '../shared/map-sdk-error.js';
import { parseRetryAfter } from '../shared/parse-retry-after.js';

/** The fields of an `openai` `APIError` this mapper reads (duck-typed: the SDK is loaded lazily). */
interface OpenAIApiErrorLike {
  readonly status?: number;
  readonly headers?: HeaderSource;
  readonly error?: { readonly message?: unknown; readonly code?: unknown; readonly type?: unknown } | null;
  readonly code?: string | null;
  readonly type?: string;
  readonly requestID?: string | null;
  readonly message: string;
}

/**
 * Translates anything the `openai` SDK throws into rxllm's error hierarchy: HTTP errors by status (429 with
 * `insufficient_quota` is a quota `RateLimitError`), error events inside a stream and malformed chunks into
 * `StreamError`, timeouts into `TimeoutError`, connection failures into `ConnectionError` (or `StreamError`
 * after text arrived). Carries provider, status, request id, code and `retryAfterMs`; never the API key.
 *
 * @example
 * mapOpenAIError(sdkError, { provider: 'openai.chat' }) instanceof RateLimitError;
 */
export function mapOpenAIError(error: unknown, context: ErrorContext): LlmError {
  return mapApiError(error, context, (e: OpenAIApiErrorLike) => {
    const body = e.error ?? undefined;
    const code = str(e.code) ?? str(body?.code) ?? str(e.type) ?? str(body?.type);
    return {
      apiMessage: str(body?.message) ?? e.message,
      code,
      requestId: str(e.requestID) ?? readHeader(e.headers, 'x-request-id'),
      retryAfterMs: parseRetryAfter(e.headers),
      quotaExceeded: code === 'insufficient_quota' || str(body?.type) === 'insufficient_quota',
      overloaded: code === 'overloaded_error' || str(body?.type) === 'overloaded_error',
    };
  });
}
