import { LlmError, type LlmErrorOptions } from './llm-error.js';

/** The provider rejected the credentials (HTTP 401), or none were given. Never retried. */
export class AuthenticationError extends LlmError {
  override readonly name = 'AuthenticationError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, false);
  }
}
