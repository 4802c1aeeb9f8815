import { LlmError, type LlmErrorOptions, errorGuard } from './llm-error.js';

/**
 * The provider failed (HTTP 5xx). Retryable.
 *
 * @example
 * if (error instanceof ServerError) console.warn(`provider failed (${error.statusCode}, request ${error.requestId})`);
 */
export class ServerError extends LlmError {
  override readonly name = 'ServerError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, true);
  }
}

/**
 * True for a `ServerError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isServerError(error)) console.warn(error.message);
 */
export const isServerError = errorGuard<ServerError>('ServerError');
