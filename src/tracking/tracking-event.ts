import type { LlmError } from '../errors/llm-error.js';
import type { Generation } from '../core/generation.js';
import type { CallSettings } from '../core/call-settings.js';
import type { PromptInput } from '../core/prompt.js';
import type { EmbeddingResult } from '../core/embedding-model.js';
import type { EmbeddingSettings } from '../core/embedding-settings.js';

/** Identifies one call (one subscription to `generate`, `stream` or `embed`) across its tracking events. */
export interface CallInfo {
  /** Unique per call within the process. */
  readonly callId: string;
  readonly provider: string;
  readonly modelId: string;
  /** True for `stream`, false for `generate` and `embed`. */
  readonly stream: boolean;
  readonly tags: readonly string[];
}

/**
 * What a tracking sink sees. Times are `Date.now()` milliseconds. Every call gives one `request`, then at
 * most one `first-token`, then exactly one of `response`, `error` or `cancel`. Operators add `retry`,
 * `fallback` and `cache-hit`: `retry.attempt` is the attempt about to start (2 for the first retry) after
 * `delayMs`; `fallback.from`/`to` are `"provider:modelId"`; `cache-hit.key` is the request's cache key.
 *
 * An embedding call (`EmbeddingModel.embed`) gives `embed-request` (the values and settings), then exactly
 * one of `embed-response` (the `EmbeddingResult`, with its usage), `error` or `cancel`: a sink that only
 * knows `request`/`response` (such as `promptLayerSink`) ignores embedding calls.
 */
export type TrackingEvent =
  | { readonly type: 'request'; readonly call: CallInfo; readonly input: PromptInput; readonly settings: CallSettings; readonly at: number }
  | { readonly type: 'first-token'; readonly call: CallInfo; readonly at: number; readonly latencyMs: number }
  | { readonly type: 'response'; readonly call: CallInfo; readonly generation: Generation; readonly at: number; readonly durationMs: number }
  | { readonly type: 'error'; readonly call: CallInfo; readonly error: LlmError; readonly at: number; readonly durationMs: number }
  | { readonly type: 'cancel'; readonly call: CallInfo; readonly at: number; readonly durationMs: number }
  | { readonly type: 'retry'; readonly attempt: number; readonly delayMs: number; readonly error: LlmError; readonly at: number }
  | { readonly type: 'fallback'; readonly from: string; readonly to: string; readonly error: LlmError; readonly at: number }
  | { readonly type: 'cache-hit'; readonly key: string; readonly at: number }
  | { readonly type: 'embed-request'; readonly call: CallInfo; readonly values: readonly string[]; readonly settings: EmbeddingSettings; readonly at: number }
  | { readonly type: 'embed-response'; readonly call: CallInfo; readonly result: EmbeddingResult; readonly at: number; readonly durationMs: number };

/** A tracking sink: called synchronously for every event. It must not throw (errors are swallowed). */
export type Tracker = (event: TrackingEvent) => void;
