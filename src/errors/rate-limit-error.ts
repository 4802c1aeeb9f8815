import { LlmError, type LlmErrorOptions, errorGuard } from './llm-error.js';

/** Extra facts a 429 can carry. */
export interface RateLimitErrorOptions extends LlmErrorOptions {
  /**
   * True when the account is out of quota or credit (OpenAI `insufficient_quota`, billing errors): waiting
   * will not help, so it is never retried.
   * @default false
   */
  readonly quotaExceeded?: boolean;
}

/**
 * The provider answered HTTP 429. Retryable unless `quotaExceeded`; `retryAfterMs` says how long the
 * provider asked us to wait, when it said.
 *
 * @example
 * if (error instanceof RateLimitError) console.warn(error.quotaExceeded ? 'out of credit' : `retry in ${error.retryAfterMs ?? '?'} ms`);
 */
export class RateLimitError extends LlmError {
  override readonly name = 'RateLimitError' as const;
  readonly quotaExceeded: boolean;
  constructor(message: string, options: RateLimitErrorOptions = {}) {
    super(message, options, !options.quotaExceeded);
    this.quotaExceeded = options.quotaExceeded ?? false;
  }
}

/**
 * True for a `RateLimitError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isRateLimitError(error)) console.warn(error.message);
 */
export const isRateLimitError = errorGuard<RateLimitError>('RateLimitError');
