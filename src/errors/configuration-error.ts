import { LlmError, type LlmErrorOptions } from './llm-error.js';

/** rxllm is misconfigured: a missing API key, a provider SDK that is not installed. Never retried. */
export class ConfigurationError extends LlmError {
  override readonly name = 'ConfigurationError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, false);
  }
}
