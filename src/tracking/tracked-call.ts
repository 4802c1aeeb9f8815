import { Observable, defer, tap } from 'rxjs';
import { LlmError, isLlmError } from '../errors/llm-error.js';
import type { Generation } from '../core/generation.js';
import type { GenerationEvent } from '../core/stream-event.js';
import type { CallSettings } from '../core/call-settings.js';
import type { PromptInput } from '../core/prompt.js';
import { dispatchTrackingEvent } from './dispatch-tracking-event.js';
import type { CallInfo, Tracker } from './tracking-event.js';
import { GenerationCollector } from '../core/generation-collector.js';

/** One call as tracking sees it. */
export interface TrackedCall {
  readonly provider: string;
  readonly modelId: string;
  readonly tags: readonly string[];
  readonly input: PromptInput;
  /** The effective settings. `headers` are never passed to sinks (they may hold credentials). */
  readonly settings: CallSettings;
}

let counter = 0;
const prefix = Math.random().toString(36).slice(2, 8);

/** Reports a `generate` call to `trackers`: request, then response, error or cancel. */
export function trackGenerate(source: Observable<Generation>, trackers: readonly Tracker[], call: TrackedCall): Observable<Generation> {
  if (trackers.length === 0) return source;
  return tracked(source, trackers, [call], false, () => false, (g) => [g]);
}

/** Reports a `stream` call: request, first-token at the first text-delta, then response (built from the events), error or cancel. */
export function trackStream(source: Observable<GenerationEvent>, trackers: readonly Tracker[], call: TrackedCall): Observable<GenerationEvent> {
  if (trackers.length === 0) return source;
  return new Observable<GenerationEvent>((subscriber) => {
    const collector = new GenerationCollector(call.provider, call.modelId);
    return tracked(source, trackers, [call], true, (e) => collector.push(e), undefined, () => [collector.result()]).subscribe(subscriber);
  });
}

/** Reports one packed batch request as one call per prompt (they share the request's timing). */
export function trackBatch(source: Observable<Generation[]>, trackers: readonly Tracker[], calls: readonly TrackedCall[]): Observable<Generation[]> {
  if (trackers.length === 0) return source;
  return tracked(source, trackers, calls, false, () => false, (gs) => gs);
}

/**
 * The shared tracking wrapper. `onValue` returns true at the first token. A call's outcome is reported once:
 * `response` when `responseOf` turns a value into the result (generate: its one value, reported before a
 * consumer such as `firstValueFrom` unsubscribes) or else at completion from `resultsAtEnd`; `error` on
 * error; `cancel` when unsubscribed before either.
 */
function tracked<T>(
  source: Observable<T>,
  trackers: readonly Tracker[],
  calls: readonly TrackedCall[],
  stream: boolean,
  onValue: (value: T) => boolean,
  responseOf?: (value: T) => readonly Generation[],
  resultsAtEnd: () => readonly Generation[] = () => [],
): Observable<T> {
  return defer(() => {
    const started = Date.now();
    const infos: CallInfo[] = calls.map((c) => ({
      callId: `${prefix}-${(++counter).toString(36)}`,
      provider: c.provider,
      modelId: c.modelId,
      stream,
      tags: c.tags,
    }));
    const each = (fn: (info: CallInfo, index: number) => Parameters<Tracker>[0]): void => {
      infos.forEach((info, i) => dispatchTrackingEvent(trackers, fn(info, i)));
    };
    each((call, i) => ({ type: 'request', call, input: calls[i]!.input, settings: withoutHeaders(calls[i]!.settings), at: started }));
    let ended = false;
    let firstToken = false;
    const end = (fn: (info: CallInfo, index: number, at: number) => Parameters<Tracker>[0]): void => {
      if (ended) return;
      ended = true;
      const at = Date.now();
      each((call, i) => fn(call, i, at));
    };
    const respond = (generations: readonly Generation[]): void =>
      end((call, i, at) => {
        const generation = generations[i];
        return generation
          ? { type: 'response', call, generation, at, durationMs: at - started }
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
          const llmError = isLlmError(error) ? error : new LlmError(String(error), { cause: error });
          end((call, _i, at) => ({ type: 'error', call, error: llmError, at, durationMs: at - started }));
        },
        complete: () => respond(resultsAtEnd()),
        unsubscribe: () => end((call, _i, at) => ({ type: 'cancel', call, at, durationMs: at - started })),
      }),
    );
  });
}

function withoutHeaders(settings: CallSettings): CallSettings {
  if (settings.headers === undefined) return settings;
  const { headers: _headers, ...rest } = settings;
  return rest;
}
