import { randomUUID } from 'node:crypto';
import { defer, finalize, tap, type Observable } from 'rxjs';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { Generation } from '../core/generation.js';
import type { GenerationEvent } from '../core/stream-event.js';
import type { LanguageModel } from '../core/language-model.js';
import type { CallOptions, CallSettings } from '../core/call-settings.js';
import { type PromptInput } from '../core/prompt.js';
import { describe } from '../core/validate.js';
import { GenerationCollector } from '../core/generation-collector.js';
import { dispatchTrackingEvent, toTrackers } from '../tracking/dispatch-tracking-event.js';
import type { CallInfo, Tracker } from '../tracking/tracking-event.js';
import { checkOptions } from '../core/validate.js';
import { asLlmError } from '../errors/as-llm-error.js';

/** Options of `trackModel`. */
export interface TrackModelOptions {
  /** Tags for every call (a call's own `tags` are added). @default none */
  readonly tags?: readonly string[];
}

/** Every `TrackModelOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<TrackModelOptions> = { tags: true };

/**
 * Adds tracking to any `LanguageModel` (a `fakeModel`, a `fallback` or `cache` wrapper, your own class):
 * each call (each subscription) reports `request`, `first-token` (streams, at the first text-delta), then
 * `response` (with the generation and its usage), `error` or `cancel` to the sinks, as a provider's
 * `track` option does. With the `track` option of `retryGeneration` (`retry` events), `fallback`
 * (`fallback` events) and `cache` (`cache-hit` events), one set of sinks sees everything. Do not wrap a
 * provider that has the same sinks in its own `track` option: each call would be reported twice.
 * Settings reach the sinks without `headers` (they may hold credentials).
 *
 * @param track a tracker (e.g. `callbackSink(fn)`, `promptLayerSink(...)`) or a list of them.
 * @example
 * const events = new Subject<TrackingEvent>();
 * const model = trackModel(fallback([primary, backup]), (e) => events.next(e), { tags: ['batch-7'] });
 * events.pipe(filter((e) => e.type === 'response')).subscribe((e) => console.log(e.generation.usage));
 */
export function trackModel(model: LanguageModel, track: Tracker | readonly Tracker[], options: TrackModelOptions = {}): LanguageModel {
  if (typeof model !== 'object' || model === null || typeof model.generate !== 'function' || typeof model.stream !== 'function') {
    throw new InvalidArgumentError('model', `must be a LanguageModel, got ${describe(model)}`);
  }
  const trackers = toTrackers(track);
  if (trackers.length === 0) throw new InvalidArgumentError('track', 'must name at least one tracker');
  checkOptions('options', options);
  checkKnownKeys('options', options, OPTION_NAMES);
  const tags = options.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
    throw new InvalidArgumentError('tags', `must be an array of strings, got ${describe(tags)}`);
  }

  function tracked<T extends Generation | GenerationEvent>(
    source: Observable<T>,
    stream: boolean,
    input: PromptInput,
    callOptions: CallOptions | undefined,
  ): Observable<T> {
    const { signal: _signal, tags: callTags, headers: _headers, ...settings } = callOptions ?? {};
    return defer(() => {
      const call: CallInfo = { callId: randomUUID(), provider: model.provider, modelId: model.modelId, stream, tags: [...tags, ...(callTags ?? [])] };
      const started = Date.now();
      const since = () => ({ at: Date.now(), durationMs: Date.now() - started });
      const collector = new GenerationCollector(model.provider, model.modelId);
      let generation: Generation | undefined;
      let ended = false;
      dispatchTrackingEvent(trackers, { type: 'request', call, input, settings: settings as CallSettings, at: started });
      return source.pipe(
        tap({
          next: (value) => {
            if (!stream) generation = value as Generation;
            else if (collector.push(value as GenerationEvent)) {
              const at = Date.now();
              dispatchTrackingEvent(trackers, { type: 'first-token', call, at, latencyMs: at - started });
            }
          },
          error: (error: unknown) => {
            ended = true;
            dispatchTrackingEvent(trackers, { type: 'error', call, error: asLlmError(error), ...since() });
          },
          complete: () => {
            ended = true;
            const result = stream ? collector.result() : generation;
            dispatchTrackingEvent(trackers, result ? { type: 'response', call, generation: result, ...since() } : { type: 'cancel', call, ...since() });
          },
        }),
        finalize(() => {
          if (!ended) dispatchTrackingEvent(trackers, { type: 'cancel', call, ...since() });
        }),
      );
    });
  }

  return {
    provider: model.provider,
    modelId: model.modelId,
    generate: (input, callOptions) => tracked(model.generate(input, callOptions), false, input, callOptions),
    stream: (input, callOptions) => tracked(model.stream(input, callOptions), true, input, callOptions),
  };
}
