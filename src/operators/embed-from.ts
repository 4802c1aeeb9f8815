import { isObservable, mergeAll, Observable } from 'rxjs';
import { checkEmbeddingModel, type EmbeddingModel } from '../core/embedding-model.js';
import { describe } from '../core/validate.js';
import { batchingFeed } from '../engine/embed-batches.js';
import type { EmbeddedValue, EmbedOptions, EmbedOutcome, EmbedSource } from '../engine/embed-options.js';
import { embedEngineConfig, resolveEmbedOptions } from '../engine/embed-work.js';
import { observableFeed, pulledFeed } from '../engine/feeds.js';
import { runEngine, type EngineSink, type Feed } from '../engine/run-engine.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';

/**
 * Embeds every value of `source` with `model`, in batches: values are grouped into requests of at most
 * `batchSize` values and `maxBatchTokens` input tokens, batches run `concurrency` at a time, each through
 * the per-request policies (`retry`, `timeout`, a shared `rateLimit`) of `generateFrom`, and each value comes
 * out as `{ index, value, embedding }` (with its item's `meta`), in source order with `ordered: true`.
 *
 * The source is **pulled** lazily: values are taken only while a request slot is free, so at most the
 * batches in flight (plus one being filled) are held, whatever the source's size: a million-line file runs in
 * constant memory. Arrays, iterables and async iterables are pulled; an Observable pushes (a synchronous one
 * is buffered, as `generateFrom` would have to). A slow source's partial batch goes after `maxBatchWaitMs`.
 *
 * Cold: each subscription reads the source afresh; unsubscribing aborts the requests in flight and stops
 * reading (the iterator's `return()` runs). With `errors: 'throw'` (default) the first failed batch errors
 * the output; with `errors: 'emit'` every value of a failed batch yields an `EmbeddingFailure`. A value
 * that is not a non-empty string fails alone (`InvalidArgumentError`) and is never sent.
 *
 * @param model The embedding model (`openAIEmbedding`, `fakeEmbedding`...).
 * @param source The values: strings or `{ value, meta }` items.
 * @param options Batching, concurrency, order, error mode, call options and policies. @default `{ batchSize: 100, maxBatchTokens: 200000, concurrency: 8 }`
 * @example
 * const model = openAIEmbedding({ model: 'text-embedding-3-small' });
 * embedFrom(model, docs.map((d) => ({ value: d.text, meta: d.id })), { batchSize: 256, concurrency: 4, retry: 5 })
 *   .subscribe(({ meta, embedding }) => index.add(meta, embedding));
 */
export function embedFrom<M = unknown>(
  model: EmbeddingModel,
  source: EmbedSource<M>,
  options: EmbedOptions & { readonly errors: 'emit' },
): Observable<EmbedOutcome<M>>;
export function embedFrom<M = unknown>(
  model: EmbeddingModel,
  source: EmbedSource<M>,
  options?: EmbedOptions & { readonly errors?: 'throw' },
): Observable<EmbeddedValue<M>>;
export function embedFrom<M = unknown>(model: EmbeddingModel, source: EmbedSource<M>, options?: EmbedOptions): Observable<EmbedOutcome<M>>;
export function embedFrom(model: EmbeddingModel, source: EmbedSource, options?: EmbedOptions): Observable<EmbedOutcome> {
  checkEmbeddingModel(model);
  const open = valueFeed(source);
  const settings = resolveEmbedOptions(model, options);
  const config = embedEngineConfig(model, settings);
  const { rules } = settings;
  return new Observable<readonly EmbedOutcome[]>((subscriber) => runEngine(subscriber, config, (sink) => batchingFeed(open, sink, rules))).pipe(
    mergeAll(),
  );
}

/** How to read `source` value by value (throws `InvalidArgumentError` for anything else). */
function valueFeed(source: unknown): (sink: EngineSink<unknown>) => Feed {
  if (isObservable(source)) return (sink) => observableFeed(source, sink);
  if (typeof source === 'string') throw new InvalidArgumentError('source', 'must be an iterable of strings, not a string');
  const pulled = pulledFeed<unknown>(source);
  if (pulled) return pulled;
  throw new InvalidArgumentError('source', `must be an array, an Iterable, an AsyncIterable or an Observable of strings, got ${describe(source)}`);
}
