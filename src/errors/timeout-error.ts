import { LlmError, type LlmErrorOptions, errorGuard } from './llm-error.js';
import { redactKnownSecrets } from './redact.js';

/** Which timeout fired: before the first token, between two chunks, or over the whole call. */
export type TimeoutKind = 'first-token' | 'idle' | 'total';

/** Extra facts about a timeout. */
export interface TimeoutErrorOptions extends LlmErrorOptions {
  readonly timeout: TimeoutKind;
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;
  /** The text received before the timeout fired (choice 0), if any. @default '' */
  readonly partialText?: string;
}

/**
 * A call took too long; the request was aborted. Retryable. `timeout` says which limit fired,
 * `partialText` holds the text streamed before it.
 *
 * @example
 * if (error instanceof TimeoutError && error.timeout === 'first-token') console.warn(`no answer within ${error.timeoutMs} ms`);
 */
export class TimeoutError extends LlmError {
  override readonly name = 'TimeoutError' as const;
  readonly timeout: TimeoutKind;
  readonly timeoutMs: number;
  readonly partialText: string;
  constructor(message: string, options: TimeoutErrorOptions) {
    super(message, options, true);
    this.timeout = options.timeout;
    this.timeoutMs = options.timeoutMs;
    this.partialText = redactKnownSecrets(options.partialText ?? '');
  }
}

/**
 * True for a `TimeoutError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isTimeoutError(error)) console.warn(error.message);
 */
export const isTimeoutError = errorGuard<TimeoutError>('TimeoutError');
