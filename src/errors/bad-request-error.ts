import { LlmError, type LlmErrorOptions, errorGuard } from './llm-error.js';

/**
 * The provider rejected the request as malformed (HTTP 400, 413, 422). Never retried.
 *
 * @example
 * if (error instanceof BadRequestError && error.code === 'context_length_exceeded') shortenPrompt();
 */
export class BadRequestError extends LlmError {
  override readonly name = 'BadRequestError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, false);
  }
}

/**
 * True for a `BadRequestError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isBadRequestError(error)) console.warn(error.message);
 */
export const isBadRequestError = errorGuard<BadRequestError>('BadRequestError');
