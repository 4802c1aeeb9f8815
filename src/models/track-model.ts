import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { checkLanguageModel, type LanguageModel } from '../core/language-model.js';
import { checkOptions, checkTags } from '../core/validate.js';
import { toTrackers } from '../tracking/dispatch-tracking-event.js';
import { trackGenerate, trackStream, trackedCall } from '../tracking/tracked-call.js';
import type { Tracker } from '../tracking/tracking-event.js';

/** Options of `trackModel`. */
export interface TrackModelOptions {
  /** Tags for every call (a call's own `tags` are added). @default none */
  readonly tags?: readonly string[];
}

/** Every `TrackModelOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<TrackModelOptions> = { tags: true };

/**
 * Adds tracking to any `LanguageModel` (a `fakeModel`, a `fallback` or `cache` wrapper, your own class):
 * each call (each subscription) reports `request`, `first-token` (streams, at the first content delta), then
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
  checkLanguageModel(model);
  const trackers = toTrackers(track);
  if (trackers.length === 0) throw new InvalidArgumentError('track', 'must name at least one tracker');
  checkOptions('options', options);
  checkKnownKeys('options', options, OPTION_NAMES);
  checkTags('tags', options.tags);
  const tags = options.tags ?? [];
  const call = (input: Parameters<LanguageModel['generate']>[0], callOptions: Parameters<LanguageModel['generate']>[1]) =>
    trackedCall(model.provider, model.modelId, tags, input, callOptions);
  return {
    provider: model.provider,
    modelId: model.modelId,
    generate: (input, callOptions) => trackGenerate(model.generate(input, callOptions), trackers, call(input, callOptions)),
    stream: (input, callOptions) => trackStream(model.stream(input, callOptions), trackers, call(input, callOptions)),
  };
}
