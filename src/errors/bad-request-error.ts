import { LlmError, type LlmErrorOptions } from './llm-error.js';

/** The provider rejected the request as malformed (HTTP 400, 413, 422). Never retried. */
export class BadRequestError extends LlmError {
  override readonly name = 'BadRequestError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, false);
  }
}
