import { LlmError, type LlmErrorOptions } from './llm-error.js';

/** The connection failed or was reset before a complete answer arrived. Retryable. */
export class ConnectionError extends LlmError {
  override readonly name = 'ConnectionError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, true);
  }
}
