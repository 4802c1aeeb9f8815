import { LlmError, type LlmErrorOptions, errorGuard } from './llm-error.js';

/**
 * The model or route does not exist (HTTP 404). Never retried.
 *
 * @example
 * if (error instanceof NotFoundError) console.error(`unknown model ${model.modelId} (or wrong baseURL)`);
 */
export class NotFoundError extends LlmError {
  override readonly name = 'NotFoundError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, false);
  }
}

/**
 * True for a `NotFoundError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isNotFoundError(error)) console.warn(error.message);
 */
export const isNotFoundError = errorGuard<NotFoundError>('NotFoundError');
