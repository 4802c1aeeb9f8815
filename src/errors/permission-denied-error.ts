import { LlmError, type LlmErrorOptions, errorGuard } from './llm-error.js';

/**
 * The key is valid but may not do this (HTTP 403). Never retried.
 *
 * @example
 * if (error instanceof PermissionDeniedError) console.error(`no access to ${model.modelId}`);
 */
export class PermissionDeniedError extends LlmError {
  override readonly name = 'PermissionDeniedError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, false);
  }
}

/**
 * True for a `PermissionDeniedError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isPermissionDeniedError(error)) console.warn(error.message);
 */
export const isPermissionDeniedError = errorGuard<PermissionDeniedError>('PermissionDeniedError');
