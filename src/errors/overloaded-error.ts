import { LlmError, type LlmErrorOptions, errorGuard } from './llm-error.js';

/**
 * The provider is overloaded (Anthropic 529 `overloaded_error`, HTTP 503). Retryable.
 *
 * @example
 * model.generate('Hi').pipe(retryGeneration({ shouldRetry: (e) => e instanceof OverloadedError }));
 */
export class OverloadedError extends LlmError {
  override readonly name = 'OverloadedError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, true);
  }
}

/**
 * True for a `OverloadedError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isOverloadedError(error)) console.warn(error.message);
 */
export const isOverloadedError = errorGuard<OverloadedError>('OverloadedError');
