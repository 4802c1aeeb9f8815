// Tracking of embedding calls: a provider's `track` option reports each `embed` call through it.
import { defer, tap, type Observable } from 'rxjs';
import type { EmbeddingResult } from '../core/embedding-model.js';
import type { EmbeddingSettings } from '../core/embedding-settings.js';
import { asLlmError } from '../errors/as-llm-error.js';
import { dispatchTrackingEvent } from './dispatch-tracking-event.js';
import { newCallId, withoutHeaders } from './tracked-call.js';
import type { CallInfo, Tracker, TrackingEvent } from './tracking-event.js';

/** One embedding call as tracking sees it. */
export interface TrackedEmbedding {
  readonly provider: string;
  readonly modelId: string;
  readonly tags: readonly string[];
  readonly values: readonly string[];
  /** The effective settings. `headers` are never passed to sinks (they may hold credentials). */
  readonly settings: EmbeddingSettings;
}

/**
 * Reports an `embed` call to `trackers`, once per subscription: `embed-request`, then `embed-response` at
 * its one value (before a consumer such as `firstValueFrom` unsubscribes), `error`, or `cancel` when it
 * was unsubscribed (or completed) before a result.
 */
export function trackEmbed(source: Observable<EmbeddingResult>, trackers: readonly Tracker[], call: TrackedEmbedding): Observable<EmbeddingResult> {
  if (trackers.length === 0) return source;
  return defer(() => {
    const started = Date.now();
    const info: CallInfo = { callId: newCallId(), provider: call.provider, modelId: call.modelId, stream: false, tags: call.tags };
    dispatchTrackingEvent(trackers, { type: 'embed-request', call: info, values: call.values, settings: withoutHeaders(call.settings), at: started });
    let ended = false;
    const end = (event: (at: number, durationMs: number) => TrackingEvent): void => {
      if (ended) return;
      ended = true;
      const at = Date.now();
      dispatchTrackingEvent(trackers, event(at, at - started));
    };
    const cancel = (): void => end((at, durationMs) => ({ type: 'cancel', call: info, at, durationMs }));
    return source.pipe(
      tap({
        next: (result) => end((at, durationMs) => ({ type: 'embed-response', call: info, result, at, durationMs })),
        error: (error: unknown) => {
          const llmError = asLlmError(error);
          end((at, durationMs) => ({ type: 'error', call: info, error: llmError, at, durationMs }));
        },
        complete: cancel,
        unsubscribe: cancel,
      }),
    );
  });
}
