import { LlmError, type LlmErrorOptions } from './llm-error.js';

/** The provider is overloaded (Anthropic 529 `overloaded_error`, HTTP 503). Retryable. */
export class OverloadedError extends LlmError {
  override readonly name = 'OverloadedError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, true);
  }
}
