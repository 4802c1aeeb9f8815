import { Observable, type OperatorFunction } from 'rxjs';
import type { Generation } from '../model/generation.js';
import type { LanguageModel } from '../model/language-model.js';
import type { PromptInput } from '../model/prompt.js';
import { observableFeed } from './generate-feed-internals.js';
import { runEngine } from './generate-internals.js';
import type { GenerateOptions, GenerateOutput, GenerationFailure, GenerationOutcome, IndexedGeneration } from './generate-options.js';
import { checkModel, engineConfig, resolveGenerateOptions } from './generate-settings-internals.js';

/**
 * Turns a stream of prompts into a stream of generations: one `model.generate` call per prompt, at most
 * `concurrency` at once, in completion order (or input order with `ordered: true`).
 *
 * - `errors: 'throw'` (default): the first failed prompt errors the output and cancels the others.
 *   `errors: 'emit'`: a failed or invalid prompt becomes a `GenerationFailure` (`{ ok: false, index, input,
 *   error }`), so every prompt yields exactly one output.
 * - `withIndex: true` emits `{ ok: true, index, input, generation }` instead of the bare `Generation`.
 * - Unsubscribing cancels every request in flight (each provider aborts its HTTP request).
 *
 * The source pushes: prompts that arrive while every slot is busy wait in a queue, like `mergeMap` with a
 * limit. For a big or endless list, use `generateFrom`, which pulls a prompt only when a slot is free.
 *
 * Bad options throw `InvalidArgumentError` (naming the option) at once; a bad prompt value is a failure
 * of that prompt (`InvalidArgumentError` naming `prompts[i]`).
 *
 * @param model The model to call.
 * @param options Concurrency, order, error mode and per-call settings. @default `{ concurrency: 8 }`
 * @example
 * from(['Hi', 'Hello']).pipe(generate(model, { concurrency: 4, ordered: true }))
 *   .subscribe((g) => console.log(g.text));
 */
export function generate(
  model: LanguageModel,
  options: GenerateOptions & { readonly errors: 'emit'; readonly withIndex: true },
): OperatorFunction<PromptInput, GenerationOutcome>;
export function generate(
  model: LanguageModel,
  options: GenerateOptions & { readonly errors: 'emit'; readonly withIndex?: false },
): OperatorFunction<PromptInput, Generation | GenerationFailure>;
export function generate(
  model: LanguageModel,
  options: GenerateOptions & { readonly errors?: 'throw'; readonly withIndex: true },
): OperatorFunction<PromptInput, IndexedGeneration>;
export function generate(
  model: LanguageModel,
  options?: GenerateOptions & { readonly errors?: 'throw'; readonly withIndex?: false },
): OperatorFunction<PromptInput, Generation>;
export function generate(model: LanguageModel, options?: GenerateOptions): OperatorFunction<PromptInput, GenerateOutput>;
export function generate(model: LanguageModel, options?: GenerateOptions): OperatorFunction<PromptInput, GenerateOutput> {
  checkModel(model);
  const config = engineConfig(model, resolveGenerateOptions(options));
  return (source) =>
    new Observable<GenerateOutput>((subscriber) => runEngine(subscriber, config, (sink) => observableFeed(source, sink)));
}
