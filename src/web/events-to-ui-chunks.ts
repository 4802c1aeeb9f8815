import type { FinishReason } from '../core/generation.js';
import { jsonText } from '../core/prompt.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { UI_FINISH_REASON, type UiMessageChunk } from './ui-message-stream-types.js';

/**
 * The facts rxllm adds to a UI message stream as message metadata, under the key `rxllm` (one kind per
 * chunk), so that `remoteModel` rebuilds the same events: the model that answered, how choice 0 finished,
 * the usage, and the facts of an error. A client of the AI SDK merges them into `message.metadata.rxllm`.
 */
export interface RxllmMetadata {
  readonly start?: { readonly provider: string; readonly modelId: string; readonly requestId?: string };
  readonly finish?: { readonly finishReason: FinishReason; readonly rawFinishReason: string | null; readonly stopDetails?: Readonly<Record<string, unknown>> };
  readonly usage?: Readonly<Record<string, number>>;
  readonly error?: { readonly name: string; readonly isRetryable: boolean; readonly retryAfterMs?: number; readonly code?: string; readonly statusCode?: number };
}

/**
 * Turns rxllm's `GenerationEvent`s into UI message stream chunks, one event at a time (one translator per
 * stream). Only choice 0 is sent (a UI message is one answer). Text, reasoning and refusal parts get ids
 * (`t0`, `r1`...); a refusal is sent as a text part marked `providerMetadata.rxllm.refusal`; a reasoning
 * signature ends its reasoning part with `providerMetadata.anthropic.signature`, redacted reasoning is an
 * empty reasoning part with `providerMetadata.anthropic.redactedData` (both as the AI SDK writes them).
 *
 * @example
 * const t = new EventsToUiChunks();
 * t.start();                                           // [{ type: 'start' }]
 * t.push({ type: 'text-delta', index: 0, text: 'Hi' }); // text-start t0, text-delta t0
 * t.complete();                                        // text-end t0, finish
 */
export class EventsToUiChunks {
  private nextId = 0;
  /** The text, refusal or reasoning part now open, if any. */
  private open: { readonly kind: 'text' | 'refusal' | 'reasoning'; readonly id: string } | undefined;
  private readonly toolCallsStarted = new Set<string>();
  private finishReason: FinishReason | undefined;

  constructor(private readonly metadata = true) {}

  /** The chunks that begin the message. */
  start(): UiMessageChunk[] {
    return [{ type: 'start' }];
  }

  /** The chunks for one event (none for an event of another choice). */
  push(event: GenerationEvent): UiMessageChunk[] {
    if ('index' in event && event.index !== 0) return [];
    const out: UiMessageChunk[] = [];
    switch (event.type) {
      case 'start':
        this.meta(out, { start: { provider: event.provider, modelId: event.modelId, ...(event.requestId ? { requestId: event.requestId } : {}) } });
        break;
      case 'text-delta':
        out.push({ type: 'text-delta', id: this.part(out, 'text'), delta: event.text });
        break;
      case 'refusal-delta':
        out.push({ type: 'text-delta', id: this.part(out, 'refusal'), delta: event.text });
        break;
      case 'reasoning-delta':
        out.push({ type: 'reasoning-delta', id: this.part(out, 'reasoning'), delta: event.text });
        break;
      case 'reasoning-signature': {
        const id = this.part(out, 'reasoning');
        this.open = undefined;
        out.push({ type: 'reasoning-end', id, providerMetadata: { anthropic: { signature: event.signature } } });
        break;
      }
      case 'redacted-reasoning': {
        this.close(out);
        const id = `r${this.nextId++}`;
        const providerMetadata = { anthropic: { redactedData: event.data } };
        out.push({ type: 'reasoning-start', id, providerMetadata }, { type: 'reasoning-end', id, providerMetadata });
        break;
      }
      case 'tool-call-start':
        this.close(out);
        this.toolCallsStarted.add(event.toolCallId);
        out.push({ type: 'tool-input-start', toolCallId: event.toolCallId, toolName: event.toolName });
        break;
      case 'tool-call-delta':
        out.push({ type: 'tool-input-delta', toolCallId: event.toolCallId, inputTextDelta: event.inputDelta });
        break;
      case 'tool-call':
        this.close(out);
        if (!this.toolCallsStarted.has(event.toolCallId)) out.push({ type: 'tool-input-start', toolCallId: event.toolCallId, toolName: event.toolName });
        this.toolCallsStarted.delete(event.toolCallId);
        out.push({ type: 'tool-input-available', toolCallId: event.toolCallId, toolName: event.toolName, input: event.input });
        break;
      case 'finish':
        this.close(out);
        this.finishReason = event.finishReason;
        this.meta(out, {
          finish: { finishReason: event.finishReason, rawFinishReason: event.rawFinishReason, ...(event.stopDetails ? { stopDetails: event.stopDetails } : {}) },
        });
        break;
      case 'usage':
        this.meta(out, { usage: event.usage as unknown as Record<string, number> });
        break;
      case 'step-start':
        this.close(out);
        out.push({ type: 'start-step' });
        break;
      case 'step-finish':
        this.close(out);
        out.push({ type: 'finish-step' });
        break;
      case 'tool-result':
        this.close(out);
        out.push(
          event.isError
            ? { type: 'tool-output-error', toolCallId: event.toolCallId, errorText: jsonText(event.output) }
            : { type: 'tool-output-available', toolCallId: event.toolCallId, output: event.output },
        );
        break;
    }
    return out;
  }

  /** The chunks that end a stream that completed: open parts closed, then `finish`. */
  complete(): UiMessageChunk[] {
    const out: UiMessageChunk[] = [];
    this.close(out);
    out.push({ type: 'finish', ...(this.finishReason ? { finishReason: UI_FINISH_REASON[this.finishReason] } : {}) });
    return out;
  }

  /**
   * The chunks that end a stream that failed: open parts closed, the error's facts as metadata (when given),
   * then `error` with `errorText` (what the client may see).
   */
  error(errorText: string, facts?: RxllmMetadata['error']): UiMessageChunk[] {
    const out: UiMessageChunk[] = [];
    this.close(out);
    if (facts) this.meta(out, { error: facts });
    out.push({ type: 'error', errorText });
    return out;
  }

  /** The chunks that end a stream the server aborted (its signal), not one the client left. */
  abort(reason: string): UiMessageChunk[] {
    const out: UiMessageChunk[] = [];
    this.close(out);
    out.push({ type: 'abort', reason });
    return out;
  }

  /** The id of the open part of `kind`, opening one (and closing another kind's) when needed. */
  private part(out: UiMessageChunk[], kind: 'text' | 'refusal' | 'reasoning'): string {
    if (this.open?.kind === kind) return this.open.id;
    this.close(out);
    const id = `${kind === 'reasoning' ? 'r' : 't'}${this.nextId++}`;
    this.open = { kind, id };
    if (kind === 'reasoning') out.push({ type: 'reasoning-start', id });
    else out.push({ type: 'text-start', id, ...(kind === 'refusal' ? { providerMetadata: { rxllm: { refusal: true } } } : {}) });
    return id;
  }

  private close(out: UiMessageChunk[]): void {
    if (!this.open) return;
    out.push({ type: this.open.kind === 'reasoning' ? 'reasoning-end' : 'text-end', id: this.open.id });
    this.open = undefined;
  }

  private meta(out: UiMessageChunk[], facts: RxllmMetadata): void {
    if (this.metadata) out.push({ type: 'message-metadata', messageMetadata: { rxllm: facts } });
  }
}
