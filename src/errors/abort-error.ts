import { LlmError, type LlmErrorOptions, errorGuard } from './llm-error.js';

/**
 * The caller's `AbortSignal` aborted the call. (Unsubscribing never raises this: it ends silently.)
 * Never retried.
 *
 * @example
 * const controller = new AbortController();
 * model.generate('Hi', { signal: controller.signal }).subscribe({ error: (e) => console.log(e instanceof AbortError) }); // true
 * controller.abort();
 */
export class AbortError extends LlmError {
  override readonly name = 'AbortError' as const;
  constructor(message = 'The call was aborted by its signal', options: LlmErrorOptions = {}) {
    super(message, options, false);
  }
}

/**
 * True for a `AbortError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isAbortError(error)) console.warn(error.message);
 */
export const isAbortError = errorGuard<AbortError>('AbortError');
