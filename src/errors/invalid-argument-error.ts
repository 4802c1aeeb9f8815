import { LlmError, errorGuard } from './llm-error.js';

/**
 * A public function was called with a bad argument (wrong type, empty prompt, negative concurrency...).
 * Raised at once, before anything is sent. `argument` names the offending argument or option.
 *
 * @example
 * try { generate(model, { concurrency: -1 }); } catch (e) { e.argument === 'concurrency'; }
 */
export class InvalidArgumentError extends LlmError {
  override readonly name = 'InvalidArgumentError' as const;
  readonly argument: string;
  constructor(argument: string, problem: string) {
    super(`Invalid argument "${argument}": ${problem}`, {}, false);
    this.argument = argument;
  }
}

/**
 * True for a `InvalidArgumentError`, also one from another copy of rxllm (another realm, a duplicated install), where
 * `instanceof` fails.
 *
 * @example
 * if (isInvalidArgumentError(error)) console.warn(error.message);
 */
export const isInvalidArgumentError = errorGuard<InvalidArgumentError>('InvalidArgumentError');
