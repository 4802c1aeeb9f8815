import { LlmError, type LlmErrorOptions, errorGuard } from './llm-error.js';

/**
 * The provider rejected the credentials (HTTP 401), or none were given. Never retried.
 *
 * @example
 * model.generate('Hi').subscribe({ error: (e) => { if (e instanceof AuthenticationError) alert('Check your API key'); } });
 */
export class AuthenticationError extends LlmError {
  override readonly name = 'AuthenticationError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, false);
  }
}

/**
 * True for a `AuthenticationError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isAuthenticationError(error)) console.warn(error.message);
 */
export const isAuthenticationError = errorGuard<AuthenticationError>('AuthenticationError');
