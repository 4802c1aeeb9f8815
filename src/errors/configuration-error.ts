import { LlmError, type LlmErrorOptions, errorGuard } from './llm-error.js';

/**
 * rxllm is misconfigured: a missing API key, a provider SDK that is not installed. Never retried.
 *
 * @example
 * if (error instanceof ConfigurationError) console.error(error.message); // e.g. "set OPENAI_API_KEY or pass apiKey"
 */
export class ConfigurationError extends LlmError {
  override readonly name = 'ConfigurationError' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options, false);
  }
}

/**
 * True for a `ConfigurationError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isConfigurationError(error)) console.warn(error.message);
 */
export const isConfigurationError = errorGuard<ConfigurationError>('ConfigurationError');
