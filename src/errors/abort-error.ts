import { LlmError, type LlmErrorOptions } from './llm-error.js';

/**
 * The caller's `AbortSignal` aborted the call. (Unsubscribing never raises this: it ends silently.)
 * Never retried.
 */
export class AbortError extends LlmError {
  override readonly name = 'AbortError' as const;
  constructor(message = 'The call was aborted by its signal', options: LlmErrorOptions = {}) {
    super(message, options, false);
  }
}
