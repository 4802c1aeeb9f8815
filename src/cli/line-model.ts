import { defer } from 'rxjs';
import type { LanguageModel } from '../model/language-model.js';
import type { PromptInput } from '../model/prompt.js';
import type { BadLine, RunRequest } from './parse-request-line.js';

/** What a run knows about one line while it is in flight. */
export interface LineState {
  readonly line: RunRequest | BadLine;
  /** What its result answers (`requestHash`), written in its record. */
  readonly hash?: string;
  /** Requests sent for it so far (retries included). */
  attempts: number;
  /** `performance.now()` when its first request was sent. */
  startedAt?: number;
}

/**
 * Wraps `model` so that each request of a line gets that line's own settings and is counted: the engine
 * hands the model the very prompt object the run fed it, and `lookup` finds the line by it. Prompts
 * `lookup` does not know go through unchanged.
 *
 * @example
 * const states = new Map<PromptInput, LineState>();
 * generateFrom(lineModel(model, (p) => states.get(p)), prompts, { errors: 'emit' });
 */
export function lineModel(model: LanguageModel, lookup: (input: PromptInput) => LineState | undefined): LanguageModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    generate: (input, options) =>
      defer(() => {
        const state = lookup(input);
        if (state === undefined) return model.generate(input, options);
        state.attempts++;
        state.startedAt ??= performance.now();
        const settings = state.line.ok ? state.line.settings : {};
        return model.generate(input, { ...options, ...settings });
      }),
    stream: (input, options) => model.stream(input, options),
  };
}
