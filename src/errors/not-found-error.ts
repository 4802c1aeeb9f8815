import { LlmError, type LlmErrorOptions } from './llm-error.js';

/** The model or route does not exist (HTTP 404). Never retried. */
export class NotFoundError extends LlmError {
  override readonly name = 'NotFoundError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, false);
  }
}
