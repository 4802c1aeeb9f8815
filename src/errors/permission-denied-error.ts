import { LlmError, type LlmErrorOptions } from './llm-error.js';

/** The key is valid but may not do this (HTTP 403). Never retried. */
export class PermissionDeniedError extends LlmError {
  override readonly name = 'PermissionDeniedError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, false);
  }
}
