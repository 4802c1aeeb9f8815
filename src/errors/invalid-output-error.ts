import { LlmError, errorGuard, type LlmErrorOptions } from './llm-error.js';
import { redactKnownSecrets } from './redact.js';

/** What an invalid output was, besides the common error facts. */
export interface InvalidOutputErrorOptions extends LlmErrorOptions {
  /** The output as the model produced it (the JSON text of a tool call's input, the text of an object). */
  readonly text: string;
  /** What is wrong with it: the parse error, or each validation issue. @default [] */
  readonly issues?: readonly string[];
}

/**
 * The model answered, but the output is not what was asked for: a tool call whose arguments are not JSON,
 * an object that does not parse or fails its schema. `text` holds the raw output, `issues` what is wrong and
 * `usage` what the call cost. Not retried by default (at temperature 0 the same request gives the same
 * answer); see `repair` in structured output, or pass `shouldRetry` to `retryGeneration`.
 *
 * @example
 * model.generate(prompt, { tools }).subscribe({ error: (e) => { if (isInvalidOutputError(e)) log(e.text, e.issues); } });
 */
export class InvalidOutputError extends LlmError {
  override readonly name = 'InvalidOutputError' as const;
  readonly text: string;
  readonly issues: readonly string[];
  constructor(message: string, options: InvalidOutputErrorOptions) {
    super(message, options, false);
    this.text = redactKnownSecrets(options.text);
    this.issues = (options.issues ?? []).map(redactKnownSecrets);
  }
}

/**
 * True for an `InvalidOutputError`, also one from another copy of rxllm (another realm, a duplicated install),
 * where `instanceof` fails.
 *
 * @example
 * if (isInvalidOutputError(error)) console.warn(error.issues);
 */
export const isInvalidOutputError = errorGuard<InvalidOutputError>('InvalidOutputError');
