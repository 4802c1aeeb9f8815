import { defer, type Observable, type SchedulerLike } from 'rxjs';
import type { CallOptions } from '../core/call-settings.js';
import type { Generation } from '../core/generation.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { checkLanguageModel, type LanguageModel } from '../core/language-model.js';
import type { PromptInput } from '../core/prompt.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { describe, checkFunction, checkOptions, checkScheduler, schedulerOf } from '../core/validate.js';
import { isAbortError } from '../errors/abort-error.js';
import { asLlmError } from '../errors/as-llm-error.js';
import { isFallbackWorthy } from '../errors/error-kinds.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { runAttempts } from '../policies/run-attempts.js';
import { toTrackers, dispatchTrackingEvent } from '../tracking/dispatch-tracking-event.js';
import type { Tracker } from '../tracking/tracking-event.js';

/** What `onFallback` is told when a call moves on to the next model. */
export interface FallbackInfo {
  /** The model that failed. */
  readonly from: LanguageModel;
  /** The model tried next. */
  readonly to: LanguageModel;
  readonly error: unknown;
}

/**
 * Options of `fallback`.
 *
 * @example
 * fallback([primary, backup], { onFallback: ({ from, to }) => log(`${from.modelId} -> ${to.modelId}`) })
 */
export interface FallbackOptions {
  /**
   * Decides whether a failure moves on to the next model (replacing the default). An `AbortError` never
   * does, whatever it says.
   * @default retryable LlmErrors and every 429 (an exhausted quota too: the next model may have its own),
   *   but never bad requests, authentication, permission, not found, bad arguments or configuration errors
   */
  readonly shouldFallback?: (error: unknown, failed: LanguageModel) => boolean;
  /** Called each time a call moves on to the next model. @default none */
  readonly onFallback?: (info: FallbackInfo) => void;
  /** Tracking sinks told about each fallback (a `fallback` event; `from`/`to` are `"provider:modelId"`). @default none */
  readonly track?: Tracker | readonly Tracker[];
  /** Schedules the switch (immediately, but on this scheduler) and stamps events. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/** Every `FallbackOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<FallbackOptions> = { shouldFallback: true, onFallback: true, track: true, scheduler: true };


/**
 * A `LanguageModel` that tries `models` in order: a call goes to the first; when it fails in a way another
 * model may not (an outage, a timeout, a 429, an exhausted quota), the same call goes to the next, and so
 * on; the last model's failure is the call's failure. Bad requests, authentication errors and aborts fail
 * at once. A stream moves on only before its first content event (anything but `start` / `step-start`);
 * after it, a failure that would have moved on errors with `StreamError` carrying the partial text. Its `provider` is `"fallback"`; generations keep
 * the `provider` and `modelId` of the model that answered.
 *
 * @param models the models to try, first to last (at least one).
 * @example
 * const model = fallback([openAIChat({ model: 'gpt-4o-mini' }), anthropicMessages({ model: 'claude-haiku-4-5' })]);
 * model.generate('Hi').pipe(retryGeneration()).subscribe((g) => console.log(g.modelId, g.text));
 */
export function fallback(models: readonly LanguageModel[], options: FallbackOptions = {}): LanguageModel {
  if (!Array.isArray(models) || models.length === 0) {
    throw new InvalidArgumentError('models', `must be a non-empty array of LanguageModels, got ${describe(models)}`);
  }
  models.forEach((m: unknown, i) => checkLanguageModel(m, `models[${i}]`));
  checkOptions('options', options);
  checkKnownKeys('options', options, OPTION_NAMES);
  checkFunction('shouldFallback', options.shouldFallback);
  checkFunction('onFallback', options.onFallback);
  const trackers = toTrackers(options.track);
  checkScheduler('scheduler', options.scheduler);
  const chain = [...models];
  const scheduler = schedulerOf(options.scheduler);
  const key = (m: LanguageModel) => `${m.provider}:${m.modelId}`;

  function call<T extends Generation | GenerationEvent>(
    method: (m: LanguageModel, input: PromptInput, callOptions?: CallOptions) => Observable<T>,
    input: PromptInput,
    callOptions?: CallOptions,
  ): Observable<T> {
    return defer(() =>
      runAttempts(
        (n) => method(chain[n - 1], input, callOptions),
        {
          plan: (error, attempt) => {
            if (isAbortError(error)) return { recoverable: false };
            const failed = chain[attempt - 1];
            const recoverable = options.shouldFallback ? options.shouldFallback(error, failed) : isFallbackWorthy(error);
            return recoverable && attempt < chain.length ? { recoverable, delayMs: 0 } : { recoverable };
          },
          announce: (error, attempt) => {
            const from = chain[attempt - 1];
            const to = chain[attempt];
            options.onFallback?.({ from, to, error });
            dispatchTrackingEvent(trackers, { type: 'fallback', from: key(from), to: key(to), error: asLlmError(error), at: scheduler.now() });
          },
        },
        scheduler,
      ),
    );
  }

  return {
    provider: 'fallback',
    modelId: chain.map((m) => m.modelId).join(','),
    generate: (input, callOptions) => call((m, i, o) => m.generate(i, o), input, callOptions),
    stream: (input, callOptions) => call((m, i, o) => m.stream(i, o), input, callOptions),
  };
}
