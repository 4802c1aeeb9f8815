import { StreamError } from '../../errors/stream-error.js';
import type { Usage } from '../../core/generation.js';
import type { GenerationEvent } from '../../core/stream-event.js';
import { BaseStreamTranslator } from '../shared/base-stream-translator.js';
import { parseToolInput, type ToolCallOrigin } from '../shared/tool-input.js';
import { mapAnthropicStopReason } from './map-stop-reason.js';
import { anthropicUsage, mergeAnthropicUsage, type AnthropicUsageLike } from './usage.js';

/** The parts of an Anthropic Messages stream event that matter here. */
export interface AnthropicStreamEvent {
  readonly type: string;
  readonly index?: number;
  readonly message?: { readonly id?: string; readonly model?: string; readonly usage?: AnthropicUsageLike | null };
  readonly content_block?: { readonly type?: string; readonly text?: string; readonly thinking?: string; readonly data?: string; readonly id?: string; readonly name?: string };
  readonly delta?: {
    readonly type?: string;
    readonly text?: string;
    readonly thinking?: string;
    readonly signature?: string;
    readonly partial_json?: string;
    readonly stop_reason?: string | null;
    readonly stop_details?: Readonly<Record<string, unknown>> | null;
  };
  readonly usage?: AnthropicUsageLike | null;
}

/** A content block being streamed, by its `index`. */
type Block = { readonly kind: 'text' | 'thinking' | 'other' } | { readonly kind: 'tool'; readonly id: string; readonly name: string; raw: string };

/**
 * Translates Anthropic Messages stream events into rxllm's `GenerationEvent`s (every block belongs to choice
 * 0): `start` from `message_start`; `text-delta`s; thinking as `reasoning-delta`s closed by a
 * `reasoning-signature`; `redacted-reasoning`; client tool calls as `tool-call-start`, `tool-call-delta`s
 * (`input_json_delta`) and a `tool-call` when the block stops (server tools are passed over); the stop reason
 * as `finish` (a refusal's explanation as a `refusal-delta` first, `stop_details` on the finish); and ONE
 * `usage` at the end combining `message_start` and the last `message_delta`. A second `message_start` with
 * another id (a spliced stream) is a `StreamError`; the same one again is ignored.
 *
 * @example
 * const t = new AnthropicStreamTranslator({ provider: 'anthropic.messages', modelId: 'claude-haiku-4-5' });
 * for await (const event of stream) emitAll(t.push(event));
 * emitAll(t.end());
 */
export class AnthropicStreamTranslator extends BaseStreamTranslator<AnthropicStreamEvent> {
  private messageId: string | undefined;
  private finished = false;
  private stopped = false;
  private rawUsage: AnthropicUsageLike | undefined;
  private readonly blocks = new Map<number, Block>();
  /** Tool calls whose input did not parse: an error (with the usage), unless the stop reason says the output was cut. */
  private readonly unparsed: { readonly raw: string; readonly origin: ToolCallOrigin }[] = [];

  constructor(private readonly info: { readonly provider: string; readonly modelId: string; readonly requestId?: string }) {
    super(info.provider, info.modelId);
  }

  get usage(): Usage | undefined {
    return this.rawUsage ? anthropicUsage(this.rawUsage) : undefined;
  }

  push(event: AnthropicStreamEvent): GenerationEvent[] {
    const events: GenerationEvent[] = [];
    switch (event.type) {
      case 'message_start':
        this.messageStart(events, event);
        break;
      case 'content_block_start':
        this.start(events);
        this.blockStart(events, event.index ?? 0, event.content_block ?? {});
        break;
      case 'content_block_delta':
        this.start(events);
        this.blockDelta(events, event.index ?? 0, event.delta ?? {});
        break;
      case 'content_block_stop':
        this.blockStop(events, event.index ?? 0);
        break;
      case 'message_delta':
        this.start(events);
        this.messageDelta(events, event);
        break;
      case 'message_stop':
        this.stopped = true;
        break;
      default:
        break;
    }
    return events;
  }

  /**
   * The events that close the stream: `finish` if none came, then the combined `usage`. Throws a `StreamError`
   * (`incomplete_stream`; retryable while no content arrived) when the stream ended before `message_stop`: a
   * truncated stream, or a body with no Messages events at all, is not a complete answer.
   */
  end(): GenerationEvent[] {
    if (!this.stopped) throw this.error('the stream ended before message_stop', 'incomplete_stream', !this.contentStarted);
    this.throwUnparsed();
    const events: GenerationEvent[] = [];
    this.start(events);
    if (!this.finished) {
      this.finished = true;
      events.push({ type: 'finish', index: 0, finishReason: 'other', rawFinishReason: null });
    }
    const usage = this.usage;
    if (usage) events.push({ type: 'usage', usage });
    return events;
  }

  private messageStart(events: GenerationEvent[], event: AnthropicStreamEvent): void {
    const id = event.message?.id;
    if (this.messageId !== undefined) {
      if (id === undefined || id === this.messageId) return; // the same message_start again: ignored
      throw this.error(`a second message (${id}) started in the middle of message ${this.messageId}`, 'spliced_stream', false);
    }
    this.messageId = id;
    this.start(events, event.message?.model); // the request id header, else this message's id
    if (event.message?.usage) this.rawUsage = mergeAnthropicUsage(this.rawUsage, event.message.usage);
  }

  private blockStart(events: GenerationEvent[], index: number, block: NonNullable<AnthropicStreamEvent['content_block']>): void {
    switch (block.type) {
      case 'text':
        this.blocks.set(index, { kind: 'text' });
        if (block.text) this.content(events, { type: 'text-delta', index: 0, text: block.text });
        return;
      case 'thinking':
        this.blocks.set(index, { kind: 'thinking' });
        if (block.thinking) this.content(events, { type: 'reasoning-delta', index: 0, text: block.thinking });
        return;
      case 'redacted_thinking':
        this.blocks.set(index, { kind: 'other' });
        this.content(events, { type: 'redacted-reasoning', index: 0, data: block.data ?? '' });
        return;
      case 'tool_use': {
        const id = block.id ?? `toolu_${index}`;
        const name = block.name ?? '';
        this.blocks.set(index, { kind: 'tool', id, name, raw: '' });
        this.content(events, { type: 'tool-call-start', index: 0, toolCallId: id, toolName: name });
        return;
      }
      default:
        this.blocks.set(index, { kind: 'other' }); // server tool use and results, code execution...
    }
  }

  private blockDelta(events: GenerationEvent[], index: number, delta: NonNullable<AnthropicStreamEvent['delta']>): void {
    const block = this.blocks.get(index);
    switch (delta.type) {
      case 'text_delta':
        if (delta.text) this.content(events, { type: 'text-delta', index: 0, text: delta.text });
        return;
      case 'thinking_delta':
        if (delta.thinking) this.content(events, { type: 'reasoning-delta', index: 0, text: delta.thinking });
        return;
      case 'signature_delta':
        if (delta.signature) this.content(events, { type: 'reasoning-signature', index: 0, signature: delta.signature });
        return;
      case 'input_json_delta':
        if (block?.kind === 'tool' && delta.partial_json) {
          block.raw += delta.partial_json;
          this.content(events, { type: 'tool-call-delta', index: 0, toolCallId: block.id, inputDelta: delta.partial_json });
        }
        return;
      default:
        return; // citations and server tool deltas carry nothing the contract holds
    }
  }

  private blockStop(events: GenerationEvent[], index: number): void {
    const block = this.blocks.get(index);
    if (block?.kind !== 'tool') return;
    const origin = { provider: this.info.provider, toolName: block.name, toolCallId: block.id, ...(this.requestId ? { requestId: this.requestId } : {}) };
    try {
      const input = parseToolInput(block.raw, origin);
      events.push({ type: 'tool-call', index: 0, toolCallId: block.id, toolName: block.name, input, rawInput: block.raw });
    } catch {
      this.unparsed.push({ raw: block.raw, origin }); // decided at the stop reason: cut by max_tokens, or an invalid output
    }
  }

  /** Throws the `InvalidOutputError` of the first tool call whose input did not parse, with the usage so far. */
  private throwUnparsed(): void {
    const first = this.unparsed[0];
    if (!first) return;
    const usage = this.usage;
    parseToolInput(first.raw, { ...first.origin, ...(usage ? { usage } : {}) });
  }

  private messageDelta(events: GenerationEvent[], event: AnthropicStreamEvent): void {
    if (event.usage) this.rawUsage = mergeAnthropicUsage(this.rawUsage, event.usage);
    const raw = event.delta?.stop_reason ?? null;
    if (raw === null || this.finished) return;
    this.finished = true;
    const finishReason = mapAnthropicStopReason(raw);
    if (finishReason === 'length') this.unparsed.length = 0; // incomplete tool calls of an output cut short
    this.throwUnparsed();
    const details = event.delta?.stop_details ?? undefined;
    const explanation = raw === 'refusal' ? details?.['explanation'] : undefined;
    if (typeof explanation === 'string') this.content(events, { type: 'refusal-delta', index: 0, text: explanation });
    events.push({ type: 'finish', index: 0, finishReason, rawFinishReason: raw, ...(details ? { stopDetails: details } : {}) });
  }

  /** The request id header, else the message id. */
  get requestId(): string | undefined {
    return this.info.requestId ?? this.messageId;
  }

  private error(what: string, code: string, isRetryable: boolean): StreamError {
    const usage = this.usage;
    return new StreamError(`${this.info.provider}: ${what}`, {
      provider: this.info.provider,
      code,
      partialText: this.partialText,
      isRetryable,
      ...(usage ? { usage } : {}),
      ...(this.requestId !== undefined ? { requestId: this.requestId } : {}),
    });
  }
}
