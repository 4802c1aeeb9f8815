import { LlmError, type LlmErrorOptions } from './llm-error.js';

/** The provider failed (HTTP 5xx). Retryable. */
export class ServerError extends LlmError {
  override readonly name = 'ServerError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, true);
  }
}
