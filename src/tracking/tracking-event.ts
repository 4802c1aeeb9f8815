import type { LlmError } from '../errors/llm-error.js';
import type { Generation } from '../core/generation.js';
import type { CallSettings } from '../core/call-settings.js';
import type { PromptInput } from '../core/prompt.js';

/** Identifies one call (one subscription to `generate` or `stream`) across its tracking events. */
export interface CallInfo {
  /** Unique per call within the process. */
  readonly callId: string;
  readonly provider: string;
  readonly modelId: string;
  /** True for `stream`, false for `generate`. */
  readonly stream: boolean;
  readonly tags: readonly string[];
}

/**
 * What a tracking sink sees. Times are `Date.now()` milliseconds. Every call gives one `request`, then at
 * most one `first-token`, then exactly one of `response`, `error` or `cancel`. Operators add `retry`,
 * `fallback` and `cache-hit`: `retry.attempt` is the attempt about to start (2 for the first retry) after
 * `delayMs`; `fallback.from`/`to` are `"provider:modelId"`; `cache-hit.key` is the request's cache key.
 */
export type TrackingEvent =
  | { readonly type: 'request'; readonly call: CallInfo; readonly input: PromptInput; readonly settings: CallSettings; readonly at: number }
  | { readonly type: 'first-token'; readonly call: CallInfo; readonly at: number; readonly latencyMs: number }
  | { readonly type: 'response'; readonly call: CallInfo; readonly generation: Generation; readonly at: number; readonly durationMs: number }
  | { readonly type: 'error'; readonly call: CallInfo; readonly error: LlmError; readonly at: number; readonly durationMs: number }
  | { readonly type: 'cancel'; readonly call: CallInfo; readonly at: number; readonly durationMs: number }
  | { readonly type: 'retry'; readonly attempt: number; readonly delayMs: number; readonly error: LlmError; readonly at: number }
  | { readonly type: 'fallback'; readonly from: string; readonly to: string; readonly error: LlmError; readonly at: number }
  | { readonly type: 'cache-hit'; readonly key: string; readonly at: number };

/** A tracking sink: called synchronously for every event. It must not throw (errors are swallowed). */
export type Tracker = (event: TrackingEvent) => void;
