import {
  ReplaySubject,
  catchError,
  defer,
  finalize,
  from,
  of,
  scheduled,
  share,
  switchMap,
  tap,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import type { CallOptions } from '../../core/call-settings.js';
import type { Generation } from '../../core/generation.js';
import { checkKnownKeys, type KnownKeys } from '../../core/known-keys.js';
import { checkLanguageModel, type LanguageModel } from '../../core/language-model.js';
import type { PromptInput } from '../../core/prompt.js';
import type { GenerationEvent } from '../../core/stream-event.js';
import { checkFunction, checkOptions, checkScheduler, schedulerOf } from '../../core/validate.js';
import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import { toTrackers, dispatchTrackingEvent } from '../../tracking/dispatch-tracking-event.js';
import type { Tracker } from '../../tracking/tracking-event.js';
import { cacheKey, type CacheKeyRequest } from './cache-key.js';
import type { CachedResult, CacheStore } from './cache-store.js';
import { LruCacheStore } from './lru-cache-store.js';
import { abortErrorFor, endOnAbort } from '../../platform/abort-signal.js';

/**
 * Options of `cache`.
 *
 * @example
 * cache(model, { store: new LruCacheStore({ maxEntries: 10_000, ttlMs: 3_600_000 }), track: callbackSink(console.log) })
 */
export interface CacheOptions {
  /** Where results live. @default new LruCacheStore({ maxEntries: 1000 }) (one per `cache` call) */
  readonly store?: CacheStore;
  /** Computes a request's key. @default cacheKey (SHA-256 of provider, model, method, input, settings) */
  readonly key?: (request: CacheKeyRequest) => string;
  /**
   * Identical requests made while one is in flight share it (one HTTP request, sent without any caller's
   * `signal`; each caller's signal ends only that caller). @default true
   */
  readonly shareInFlight?: boolean;
  /** Replays hits on this scheduler (and stamps events with its clock). @default synchronous replay */
  readonly scheduler?: SchedulerLike;
  /** Tracking sinks told about each request answered from the store (a `cache-hit` event). @default none */
  readonly track?: Tracker | readonly Tracker[];
}

/** Every `CacheOptions` name (any other throws `InvalidArgumentError`; a `store`'s own members are not checked). */
const OPTION_NAMES: KnownKeys<CacheOptions> = { store: true, key: true, shareInFlight: true, scheduler: true, track: true };

/**
 * A `LanguageModel` that answers identical requests (same provider, model, method, input and settings)
 * from a store instead of calling `model`. A cached `stream` replays the events of the completed stream
 * (synchronously, or on `scheduler`). Only successful, complete results are stored: a `Generation` as
 * soon as it arrives, a stream once it completed; errors, streams cancelled part-way and results that
 * finished with `finishReason: 'error'` are not. Identical requests made while
 * one is in flight share it. `provider` and `modelId` are the wrapped model's. Each caller's `signal` is its
 * own: aborting it errors that caller alone with `AbortError`; a shared request is sent without any
 * caller's signal and is aborted only when every caller sharing it has left (unsubscribed or aborted).
 *
 * @example
 * const cached = cache(openAIChat({ model: 'gpt-4o-mini' }));
 * cached.generate('Capital of France?').subscribe();   // calls the API
 * cached.generate('Capital of France?').subscribe();   // answered from memory
 */
export function cache(model: LanguageModel, options: CacheOptions = {}): LanguageModel {
  checkLanguageModel(model);
  checkOptions('options', options);
  checkKnownKeys('options', options, OPTION_NAMES);
  const store = options.store ?? new LruCacheStore();
  if (typeof store !== 'object' || store === null || typeof store.get !== 'function' || typeof store.set !== 'function') {
    throw new InvalidArgumentError('store', 'must be a CacheStore: an object with get(key) and set(key, value)');
  }
  checkFunction('key', options.key);
  const trackers = toTrackers(options.track);
  checkScheduler('scheduler', options.scheduler);
  const keyOf = options.key ?? cacheKey;
  const shareInFlight = options.shareInFlight ?? true;
  const clock = schedulerOf(options.scheduler);
  const inFlight = new Map<string, Observable<unknown>>();
  const abortError = abortErrorFor(model.provider);

  function call<T extends Generation | GenerationEvent>(
    method: 'generate' | 'stream',
    input: PromptInput,
    callOptions: CallOptions | undefined,
    invoke: (upstreamOptions: CallOptions | undefined) => Observable<T>,
  ): Observable<T> {
    // A caller's signal is the caller's alone: a shared request carries none (one caller's abort must not end
    // the others' answer); each caller's signal ends that caller's subscription, and the shared request is
    // unsubscribed (its HTTP request aborted) once no caller is left.
    const signal = callOptions?.signal;
    const upstreamOptions = shareInFlight && signal !== undefined ? withoutSignal(callOptions as CallOptions) : callOptions;
    return defer(() => {
      const key = keyOf({ provider: model.provider, modelId: model.modelId, method, input, options: callOptions });
      return lookup(store, key).pipe(
        switchMap((hit): Observable<T> => {
          const values = (hit?.kind === method ? (hit.kind === 'generate' ? [hit.generation] : hit.events) : undefined) as
            | T[]
            | undefined;
          if (values) {
            dispatchTrackingEvent(trackers, { type: 'cache-hit', key, at: clock.now() });
            return options.scheduler ? scheduled(values, options.scheduler) : from(values);
          }
          const shared = shareInFlight ? (inFlight.get(key) as Observable<T> | undefined) : undefined;
          return shared ?? record(key, method, invoke(upstreamOptions));
        }),
      );
    }).pipe(endOnAbort(signal, abortError));
  }

  function record<T extends Generation | GenerationEvent>(key: string, method: 'generate' | 'stream', call$: Observable<T>): Observable<T> {
    const seen: T[] = [];
    const recorded: Observable<T> = call$.pipe(
      tap({
        next: (value) => {
          // A Generation is a whole result: store it at once (callers often take it and leave).
          if (method === 'generate' && seen.length === 0 && !failed(value)) {
            save(store, key, { kind: 'generate', generation: value as Generation });
          }
          seen.push(value);
        },
        complete: () => {
          if (method === 'stream' && seen.length > 0 && !seen.some(failed)) {
            save(store, key, { kind: 'stream', events: [...seen] as GenerationEvent[] });
          }
        },
      }),
      finalize(() => {
        if (inFlight.get(key) === recorded) inFlight.delete(key);
      }),
      share({ connector: () => new ReplaySubject<T>(), resetOnError: true, resetOnComplete: true, resetOnRefCountZero: true }),
    );
    if (shareInFlight) inFlight.set(key, recorded);
    return recorded;
  }

  return {
    provider: model.provider,
    modelId: model.modelId,
    generate: (input, callOptions) => call('generate', input, callOptions, (o) => model.generate(input, o)),
    stream: (input, callOptions) => call('stream', input, callOptions, (o) => model.stream(input, o)),
  };
}

/** `options` without `signal` (undefined when nothing else is left). */
function withoutSignal(options: CallOptions): CallOptions | undefined {
  const { signal: _signal, ...rest } = options;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** The store's answer as an Observable: synchronous for a synchronous store; failures count as misses. */
function lookup(store: CacheStore, key: string): Observable<CachedResult | undefined> {
  let answer: ReturnType<CacheStore['get']>;
  try {
    answer = store.get(key);
  } catch {
    return of(undefined);
  }
  if (!isPromiseLike(answer)) return of(answer);
  return from(answer).pipe(catchError(() => of(undefined)));
}

function save(store: CacheStore, key: string, value: CachedResult): void {
  try {
    const done = store.set(key, value);
    if (isPromiseLike(done)) done.then(undefined, () => undefined);
  } catch {
    // A failing store must not fail a call that succeeded.
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** A generation or finish event that says the provider ended the output with an error. */
function failed(value: unknown): boolean {
  return (value as { finishReason?: unknown }).finishReason === 'error';
}
