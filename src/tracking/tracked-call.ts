// The one tracking wrapper: a provider's `track` option and `trackModel` both report calls through it.
import { defer, tap, type Observable } from 'rxjs';
import { asLlmError } from '../errors/as-llm-error.js';
import type { CallOptions, CallSettings } from '../core/call-settings.js';
import type { Generation } from '../core/generation.js';
import { GenerationCollector } from '../core/generation-collector.js';
import { redactGeneration } from '../core/redact-generation.js';
import type { PromptInput } from '../core/prompt.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { dispatchTrackingEvent } from './dispatch-tracking-event.js';
import type { CallInfo, Tracker, TrackingEvent } from './tracking-event.js';

/** One call as tracking sees it. */
export interface TrackedCall {
  readonly provider: string;
  readonly modelId: string;
  readonly tags: readonly string[];
  readonly input: PromptInput;
  /** The effective settings. `headers` are never passed to sinks (they may hold credentials). */
  readonly settings: CallSettings;
}

/** The tracked call of `input` with these call options: their settings (no signal, tags or headers) and tags after `tags`. */
export function trackedCall(provider: string, modelId: string, tags: readonly string[], input: PromptInput, options: CallOptions | undefined): TrackedCall {
  const { signal: _signal, tags: callTags, ...settings } = options ?? {};
  return { provider, modelId, tags: callTags ? [...tags, ...callTags] : tags, input, settings };
}

/** Reports a `generate` call to `trackers`: request, then response (at its one value), error or cancel. */
export function trackGenerate(source: Observable<Generation>, trackers: readonly Tracker[], call: TrackedCall): Observable<Generation> {
  if (trackers.length === 0) return source;
  return tracked(source, trackers, [call], false, {}, (g) => [g]);
}

/** Reports a `stream` call: request, first-token at the first content delta, then response (built from the events), error or cancel. */
export function trackStream(source: Observable<GenerationEvent>, trackers: readonly Tracker[], call: TrackedCall): Observable<GenerationEvent> {
  if (trackers.length === 0) return source;
  return defer(() => {
    const collector = new GenerationCollector(call.provider, call.modelId);
    return tracked(source, trackers, [call], true, { onValue: (e) => collector.push(e), atEnd: () => [collector.result()] });
  });
}

/** Reports one packed batch request as one call per prompt (they share the request's timing). */
export function trackBatch(source: Observable<Generation[]>, trackers: readonly Tracker[], calls: readonly TrackedCall[]): Observable<Generation[]> {
  if (trackers.length === 0) return source;
  return tracked(source, trackers, calls, false, {}, (gs) => gs);
}

/** A call id unique in the process (random, so ids from several processes do not collide in one sink). */
export function newCallId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return crypto?.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * The shared wrapper. `onValue` returns true at the first token. A call's outcome is reported once:
 * `response` when `responseOf` turns a value into the results (generate: its one value, reported before a
 * consumer such as `firstValueFrom` unsubscribes) or else at completion from `atEnd`; `error` on error;
 * `cancel` when unsubscribed before either.
 */
function tracked<T>(
  source: Observable<T>,
  trackers: readonly Tracker[],
  calls: readonly TrackedCall[],
  stream: boolean,
  { onValue = () => false, atEnd = () => [] }: { onValue?: (value: T) => boolean; atEnd?: () => readonly Generation[] },
  responseOf?: (value: T) => readonly Generation[],
): Observable<T> {
  return defer(() => {
    const started = Date.now();
    const infos: CallInfo[] = calls.map((c) => ({ callId: newCallId(), provider: c.provider, modelId: c.modelId, stream, tags: c.tags }));
    const each = (fn: (info: CallInfo, index: number) => TrackingEvent): void => {
      infos.forEach((info, i) => dispatchTrackingEvent(trackers, fn(info, i)));
    };
    each((call, i) => ({ type: 'request', call, input: calls[i]!.input, settings: withoutHeaders(calls[i]!.settings), at: started }));
    let ended = false;
    let firstToken = false;
    const end = (fn: (info: CallInfo, index: number, at: number) => TrackingEvent): void => {
      if (ended) return;
      ended = true;
      const at = Date.now();
      each((call, i) => fn(call, i, at));
    };
    const respond = (generations: readonly Generation[]): void =>
      end((call, i, at) => {
        const generation = generations[i];
        return generation
          ? { type: 'response', call, generation: redactGeneration(generation), at, durationMs: at - started }
          : { type: 'cancel', call, at, durationMs: at - started };
      });
    // tap runs inside the operator chain, so a synchronous source stops as soon as the consumer unsubscribes.
    return source.pipe(
      tap({
        next: (value) => {
          if (onValue(value) && !firstToken) {
            firstToken = true;
            const at = Date.now();
            each((call) => ({ type: 'first-token', call, at, latencyMs: at - started }));
          }
          if (responseOf) respond(responseOf(value));
        },
        error: (error: unknown) => {
          const llmError = asLlmError(error);
          end((call, _i, at) => ({ type: 'error', call, error: llmError, at, durationMs: at - started }));
        },
        complete: () => respond(atEnd()),
        unsubscribe: () => end((call, _i, at) => ({ type: 'cancel', call, at, durationMs: at - started })),
      }),
    );
  });
}

/** Settings as sinks see them: without `headers` (they may hold credentials). */
export function withoutHeaders<S extends { readonly headers?: unknown }>(settings: S): S {
  if (settings.headers === undefined) return settings;
  const { headers: _headers, ...rest } = settings;
  return rest as S;
}
