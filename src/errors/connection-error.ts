import { LlmError, type LlmErrorOptions, errorGuard } from './llm-error.js';

/**
 * The connection failed or was reset before a complete answer arrived. Retryable.
 *
 * @example
 * if (error instanceof ConnectionError) console.warn('network trouble:', error.message);
 */
export class ConnectionError extends LlmError {
  override readonly name = 'ConnectionError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, true);
  }
}

/**
 * True for a `ConnectionError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isConnectionError(error)) console.warn(error.message);
 */
export const isConnectionError = errorGuard<ConnectionError>('ConnectionError');
