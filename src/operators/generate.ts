import { Observable, type OperatorFunction } from 'rxjs';
import type { Generation } from '../core/generation.js';
import { checkLanguageModel, type LanguageModel } from '../core/language-model.js';
import { observableFeed } from '../engine/feeds.js';
import type {
  GenerateOptions,
  GenerateOutput,
  GenerationFailure,
  GenerationOutcome,
  IndexedGeneration,
  PromptOrItem,
} from '../engine/generate-options.js';
import { jobSink } from '../engine/prompt-job.js';
import { engineConfig, resolveGenerateOptions } from '../engine/resolve-options.js';
import { runEngine } from '../engine/run-engine.js';

/**
 * Turns a stream of prompts into a stream of generations: one `model.generate` call per prompt, at most
 * `concurrency` at once, in completion order (or input order with `ordered: true`).
 *
 * - `errors: 'throw'` (default): the first failed prompt errors the output and cancels the others.
 *   `errors: 'emit'`: a failed or invalid prompt becomes a `GenerationFailure` (`{ ok: false, index, input,
 *   error }`), so every prompt yields exactly one output.
 * - `withIndex: true` emits `{ ok: true, index, input, generation, attempts }` instead of the bare `Generation`.
 * - A source item may be a `PromptItem` (`{ input, callOptions?, meta? }`): its own call options override
 *   `callOptions`, and its `meta` comes back on its `IndexedGeneration` / `GenerationFailure`.
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
export function generate<M = unknown>(
  model: LanguageModel,
  options: GenerateOptions & { readonly errors: 'emit'; readonly withIndex: true },
): OperatorFunction<PromptOrItem<M>, GenerationOutcome<M>>;
export function generate<M = unknown>(
  model: LanguageModel,
  options: GenerateOptions & { readonly errors: 'emit'; readonly withIndex?: false },
): OperatorFunction<PromptOrItem<M>, Generation | GenerationFailure<M>>;
export function generate<M = unknown>(
  model: LanguageModel,
  options: GenerateOptions & { readonly errors?: 'throw'; readonly withIndex: true },
): OperatorFunction<PromptOrItem<M>, IndexedGeneration<M>>;
export function generate<M = unknown>(
  model: LanguageModel,
  options?: GenerateOptions & { readonly errors?: 'throw'; readonly withIndex?: false },
): OperatorFunction<PromptOrItem<M>, Generation>;
export function generate<M = unknown>(model: LanguageModel, options?: GenerateOptions): OperatorFunction<PromptOrItem<M>, GenerateOutput<M>>;
export function generate(model: LanguageModel, options?: GenerateOptions): OperatorFunction<PromptOrItem, GenerateOutput> {
  checkLanguageModel(model);
  const config = engineConfig(model, resolveGenerateOptions(options));
  return (source) =>
    new Observable<GenerateOutput>((subscriber) => runEngine(subscriber, config, (sink) => observableFeed(source, jobSink(sink))));
}
