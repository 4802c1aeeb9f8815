import { LlmError, type LlmErrorOptions, errorGuard } from './llm-error.js';
import { redactKnownSecrets } from './redact.js';

/** Extra facts about a stream that failed part-way. */
export interface StreamErrorOptions extends LlmErrorOptions {
  /** The text received before the failure (choice 0), so a caller can keep or show it. @default '' */
  readonly partialText?: string;
}

/**
 * A stream failed after it started: an error event in the middle of the stream, a malformed chunk, or any
 * failure after the first token when it can no longer be retried transparently. `partialText` holds what
 * arrived before it.
 *
 * @example
 * model.stream(prompt).subscribe({ error: (e) => { if (e instanceof StreamError) keepDraft(e.partialText); } });
 */
export class StreamError extends LlmError {
  override readonly name = 'StreamError' as const;
  readonly partialText: string;
  constructor(message: string, options: StreamErrorOptions = {}) {
    super(message, options, false);
    this.partialText = redactKnownSecrets(options.partialText ?? '');
  }
}

/**
 * True for a `StreamError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isStreamError(error)) console.warn(error.message);
 */
export const isStreamError = errorGuard<StreamError>('StreamError');
