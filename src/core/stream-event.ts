import type { FinishReason, Usage } from './generation.js';

/** Emitted once, when the response has started: the model that answers and the request id. */
export interface StartEvent {
  readonly type: 'start';
  readonly provider: string;
  /** The model id the server answered with (the one requested until the server names it). */
  readonly modelId: string;
  readonly requestId?: string;
}

/** A piece of text for choice `index`. Concatenating every delta of a text part gives its text. */
export interface TextDeltaEvent {
  readonly type: 'text-delta';
  readonly index: number;
  readonly text: string;
}

/** A piece of the model's reasoning for choice `index`. */
export interface ReasoningDeltaEvent {
  readonly type: 'reasoning-delta';
  readonly index: number;
  readonly text: string;
}

/** The signature of the reasoning just streamed (Anthropic): it closes that reasoning part. */
export interface ReasoningSignatureEvent {
  readonly type: 'reasoning-signature';
  readonly index: number;
  readonly signature: string;
}

/** A whole block of redacted (encrypted) reasoning, to send back unchanged. */
export interface RedactedReasoningEvent {
  readonly type: 'redacted-reasoning';
  readonly index: number;
  readonly data: string;
}

/** A piece of the refusal text (the model declined; the choice then finishes with `content_filter`). */
export interface RefusalDeltaEvent {
  readonly type: 'refusal-delta';
  readonly index: number;
  readonly text: string;
}

/** A tool call begins: its id and the tool's name (its input follows in `tool-call-delta`s). */
export interface ToolCallStartEvent {
  readonly type: 'tool-call-start';
  readonly index: number;
  readonly toolCallId: string;
  readonly toolName: string;
}

/** A piece of a tool call's input, as JSON text: the deltas of one call concatenate to its `rawInput`. */
export interface ToolCallDeltaEvent {
  readonly type: 'tool-call-delta';
  readonly index: number;
  readonly toolCallId: string;
  readonly inputDelta: string;
}

/** A tool call is complete: emitted once per call, with its input parsed. */
export interface ToolCallEvent {
  readonly type: 'tool-call';
  readonly index: number;
  readonly toolCallId: string;
  readonly toolName: string;
  readonly input: unknown;
  /** The input's JSON text as the provider sent it. */
  readonly rawInput: string;
}

/** A choice has finished. Emitted once per choice. */
export interface FinishEvent {
  readonly type: 'finish';
  readonly index: number;
  readonly finishReason: FinishReason;
  readonly rawFinishReason: string | null;
  /** The provider's own details of why it stopped (Anthropic `stop_details`), when it sent any. */
  readonly stopDetails?: Readonly<Record<string, unknown>>;
}

/** Token usage for the whole call. Emitted at most once, after every `finish`, just before completion. */
export interface UsageEvent {
  readonly type: 'usage';
  readonly usage: Usage;
}

/** A step of a tool loop (`withTools`) begins: a model call follows. Steps are numbered from 1. */
export interface StepStartEvent {
  readonly type: 'step-start';
  readonly step: number;
}

/** A tool the model called has answered (`withTools`): its output, or an error the model will see. */
export interface ToolResultEvent {
  readonly type: 'tool-result';
  readonly toolCallId: string;
  readonly toolName: string;
  readonly output: unknown;
  readonly isError: boolean;
}

/** A step of a tool loop has ended: its model call and the tools it asked for are done. */
export interface StepFinishEvent {
  readonly type: 'step-finish';
  readonly step: number;
}

/** Events that carry content of a choice (anything the model produced): what counts as progress. */
export type ContentEvent =
  | TextDeltaEvent
  | ReasoningDeltaEvent
  | ReasoningSignatureEvent
  | RedactedReasoningEvent
  | RefusalDeltaEvent
  | ToolCallStartEvent
  | ToolCallDeltaEvent
  | ToolCallEvent;

/**
 * What `LanguageModel.stream` emits, in this order: `start`; then each choice's content as it arrives
 * (text, reasoning, refusal and tool-call events, each part's events together, parts in the order the model
 * produced them; choices may interleave); a `finish` per choice; `usage` when the provider reports it; then
 * completion. A tool loop (`withTools`) wraps each model call's events in `step-start` / `step-finish` and
 * reports each tool's answer as a `tool-result` inside its step. A `GenerationCollector` turns the events into
 * the same `Generation` that `generate` returns.
 */
export type GenerationEvent = StartEvent | ContentEvent | FinishEvent | UsageEvent | StepStartEvent | ToolResultEvent | StepFinishEvent;

const CONTENT_TYPES: ReadonlySet<unknown> = new Set([
  'text-delta', 'reasoning-delta', 'reasoning-signature', 'redacted-reasoning', 'refusal-delta', 'tool-call-start', 'tool-call-delta', 'tool-call',
]);

/** True for a `text-delta` stream event. */
export function isTextDelta(value: unknown): value is TextDeltaEvent {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'text-delta';
}

/** True for a `start` stream event. */
export function isStartEvent(value: unknown): value is StartEvent {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'start';
}

/** True for an event that carries content (the first one is the first token, for timeouts and tracking). */
export function isContentEvent(value: unknown): value is ContentEvent {
  return typeof value === 'object' && value !== null && CONTENT_TYPES.has((value as { type?: unknown }).type);
}

/**
 * True for the events that come before any output of a call (`start`, `step-start`): a retry or a first-token
 * timeout still sees a call that has produced nothing.
 */
export function isPreludeEvent(value: unknown): boolean {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  return type === 'start' || type === 'step-start';
}
