import { Observable } from 'rxjs';
import type { Generation } from '../core/generation.js';
import { checkLanguageModel, type LanguageModel } from '../core/language-model.js';
import { describe } from '../core/validate.js';
import { pulledFeed } from '../engine/feeds.js';
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
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';

/**
 * What `generateFrom` reads prompts from: an array, a generator, lines of a file, any (async) iterable of
 * prompts or `PromptItem`s.
 */
export type PromptSource<M = unknown> = Iterable<PromptOrItem<M>> | AsyncIterable<PromptOrItem<M>>;

/**
 * Like `generate`, for sources too big to push: `source` is **pulled**, one prompt per free slot, so at
 * most `concurrency` prompts (plus `reorderBuffer` with `ordered: true`) are taken from it and not yet
 * emitted at any moment. A million-line file or an endless generator runs in constant memory.
 *
 * Why not `from(prompts).pipe(mergeMap(call, 8))`? A pushing source does not wait: `from(array)` hands
 * every element to `mergeMap` at once and `mergeMap` must buffer all but 8 of them, so the whole list's
 * worth of pending work sits in its buffer (measured in `spec/operators/generate-from.spec.ts`: 100
 * prompts at limit 4 leave 96 buffered in `mergeMap`, none in `generateFrom`).
 *
 * Each subscription calls `source[Symbol.asyncIterator]()` (preferred) or `source[Symbol.iterator]()`
 * afresh (a generator object can be used once). Unsubscribing stops pulling and calls the iterator's
 * `return()`, so a generator's `finally` runs and a file is closed. An error thrown by the iterator errors
 * the output (whatever `errors` says: it belongs to no prompt).
 *
 * @param model The model to call.
 * @param source The prompts.
 * @param options As for `generate`. @default `{ concurrency: 8 }`
 * @example
 * import { createReadStream } from 'node:fs';
 * import { createInterface } from 'node:readline';
 * const lines = createInterface({ input: createReadStream('prompts.txt') });
 * generateFrom(model, lines, { concurrency: 16, errors: 'emit' }).subscribe(console.log);
 */
export function generateFrom<M = unknown>(
  model: LanguageModel,
  source: PromptSource<M>,
  options: GenerateOptions & { readonly errors: 'emit'; readonly withIndex: true },
): Observable<GenerationOutcome<M>>;
export function generateFrom<M = unknown>(
  model: LanguageModel,
  source: PromptSource<M>,
  options: GenerateOptions & { readonly errors: 'emit'; readonly withIndex?: false },
): Observable<Generation | GenerationFailure<M>>;
export function generateFrom<M = unknown>(
  model: LanguageModel,
  source: PromptSource<M>,
  options: GenerateOptions & { readonly errors?: 'throw'; readonly withIndex: true },
): Observable<IndexedGeneration<M>>;
export function generateFrom<M = unknown>(
  model: LanguageModel,
  source: PromptSource<M>,
  options?: GenerateOptions & { readonly errors?: 'throw'; readonly withIndex?: false },
): Observable<Generation>;
export function generateFrom<M = unknown>(model: LanguageModel, source: PromptSource<M>, options?: GenerateOptions): Observable<GenerateOutput<M>>;
export function generateFrom(model: LanguageModel, source: PromptSource, options?: GenerateOptions): Observable<GenerateOutput> {
  checkLanguageModel(model);
  const open = pulledFeed<unknown>(source);
  if (!open) throw new InvalidArgumentError('source', `must be an Iterable or AsyncIterable of prompts, got ${describe(source)}`);
  if (typeof source === 'string') throw new InvalidArgumentError('source', 'must be an iterable of prompts, not a string');
  const config = engineConfig(model, resolveGenerateOptions(options));
  return new Observable<GenerateOutput>((subscriber) => runEngine(subscriber, config, (sink) => open(jobSink(sink))));
}
