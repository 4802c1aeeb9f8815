import { LlmError, isLlmError } from './llm-error.js';

/**
 * `error` as an `LlmError`: rxllm errors as they are; anything else (a bug in a callback, a value thrown
 * that is not an Error) wrapped in a plain, non-retryable `LlmError` whose `cause` is the original.
 *
 * @example
 * asLlmError(new TypeError('x is undefined')).message; // 'Unexpected error: x is undefined'
 */
export function asLlmError(error: unknown): LlmError {
  if (isLlmError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LlmError(`Unexpected error: ${message}`, { cause: error });
}
