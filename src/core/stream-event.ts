import type { FinishReason, Usage } from './generation.js';

/** Emitted once, when the response has started (headers received). */
export interface StartEvent {
  readonly type: 'start';
  readonly provider: string;
  readonly modelId: string;
  readonly requestId?: string;
}

/** A piece of text for choice `index`. Concatenating every delta of a choice gives its full text. */
export interface TextDeltaEvent {
  readonly type: 'text-delta';
  readonly index: number;
  readonly text: string;
}

/** A choice has finished. Emitted once per choice. */
export interface FinishEvent {
  readonly type: 'finish';
  readonly index: number;
  readonly finishReason: FinishReason;
  readonly rawFinishReason: string | null;
}

/** Token usage for the whole call. Emitted at most once, after every `finish`, just before completion. */
export interface UsageEvent {
  readonly type: 'usage';
  readonly usage: Usage;
}

/**
 * What `LanguageModel.stream` emits, in this order: `start`, then `text-delta`s, a `finish` per choice,
 * then `usage` (when the provider reports it), then completion.
 */
export type GenerationEvent = StartEvent | TextDeltaEvent | FinishEvent | UsageEvent;

/** True for a `text-delta` stream event. */
export function isTextDelta(value: unknown): value is TextDeltaEvent {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'text-delta';
}

/** True for a `start` stream event. */
export function isStartEvent(value: unknown): value is StartEvent {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'start';
}
