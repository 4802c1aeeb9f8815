import { StreamError } from '../../errors/stream-error.js';
import type { GenerationEvent } from '../../core/stream-event.js';
import { mapAnthropicStopReason } from './map-stop-reason.js';
import { makeUsage } from '../shared/usage.js';

/** The parts of an Anthropic Messages stream event that matter here. */
export interface AnthropicStreamEvent {
  readonly type: string;
  readonly message?: { readonly id?: string; readonly model?: string; readonly usage?: AnthropicUsageLike | null };
  readonly content_block?: { readonly type?: string; readonly text?: string };
  readonly delta?: { readonly type?: string; readonly text?: string; readonly stop_reason?: string | null };
  readonly usage?: AnthropicUsageLike | null;
}

/** Anthropic token counts (`message_start` has all; `message_delta` has the cumulative output count). */
export interface AnthropicUsageLike {
  readonly input_tokens?: number | null;
  readonly output_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
}

/** Input tokens including cache writes and reads (Anthropic counts them separately). */
export function anthropicInputTokens(usage: AnthropicUsageLike): number {
  return (usage.input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
}

/**
 * Translates Anthropic Messages stream events into rxllm's `GenerationEvent`s: `start` from `message_start`,
 * `text-delta`s from text blocks (every text block is choice 0), `finish` from `message_delta`'s `stop_reason`,
 * and ONE `usage` at the end combining `message_start` (input) and the last `message_delta` (output).
 *
 * @example
 * const t = new AnthropicStreamTranslator({ provider: 'anthropic.messages', modelId: 'claude-haiku-4-5' });
 * for await (const event of stream) emitAll(t.push(event));
 * emitAll(t.end());
 */
export class AnthropicStreamTranslator {
  private started = false;
  private finished = false;
  private stopped = false;
  private inputTokens: number | undefined;
  private outputTokens: number | undefined;
  private text0 = '';

  constructor(private readonly info: { readonly provider: string; readonly modelId: string; readonly requestId?: string }) {}

  /** Text received so far (for `StreamError.partialText`). */
  get partialText(): string {
    return this.text0;
  }

  /** True once any text-delta was produced. */
  get textStarted(): boolean {
    return this.text0 !== '';
  }

  /** The events one stream event produces. */
  push(event: AnthropicStreamEvent): GenerationEvent[] {
    const events: GenerationEvent[] = [];
    switch (event.type) {
      case 'message_start': {
        this.ensureStart(events, event.message?.model, event.message?.id);
        const usage = event.message?.usage;
        if (usage) {
          this.inputTokens = anthropicInputTokens(usage);
          this.outputTokens = usage.output_tokens ?? this.outputTokens;
        }
        break;
      }
      case 'content_block_start':
        this.ensureStart(events);
        if (event.content_block?.type === 'text' && event.content_block.text) this.text(events, event.content_block.text);
        break;
      case 'content_block_delta':
        this.ensureStart(events);
        if (event.delta?.type === 'text_delta' && event.delta.text) this.text(events, event.delta.text);
        break;
      case 'message_delta': {
        this.ensureStart(events);
        const raw = event.delta?.stop_reason ?? null;
        if (raw !== null && !this.finished) {
          this.finished = true;
          events.push({ type: 'finish', index: 0, finishReason: mapAnthropicStopReason(raw), rawFinishReason: raw });
        }
        const usage = event.usage;
        if (usage) {
          if (typeof usage.output_tokens === 'number') this.outputTokens = usage.output_tokens;
          if (typeof usage.input_tokens === 'number') this.inputTokens = anthropicInputTokens(usage);
        }
        break;
      }
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
   * (`incomplete_stream`; retryable while no text arrived) when the stream ended before `message_stop`: a
   * truncated stream, or a body with no Messages events at all, is not a complete answer.
   */
  end(): GenerationEvent[] {
    if (!this.stopped) {
      throw new StreamError(`${this.info.provider}: the stream ended before message_stop`, {
        provider: this.info.provider,
        code: 'incomplete_stream',
        partialText: this.text0,
        isRetryable: !this.textStarted,
        ...(this.info.requestId !== undefined ? { requestId: this.info.requestId } : {}),
      });
    }
    const events: GenerationEvent[] = [];
    this.ensureStart(events);
    if (!this.finished) {
      this.finished = true;
      events.push({ type: 'finish', index: 0, finishReason: 'other', rawFinishReason: null });
    }
    if (this.inputTokens !== undefined || this.outputTokens !== undefined) {
      events.push({ type: 'usage', usage: makeUsage(this.inputTokens, this.outputTokens) });
    }
    return events;
  }

  private text(events: GenerationEvent[], text: string): void {
    this.text0 += text;
    events.push({ type: 'text-delta', index: 0, text });
  }

  private ensureStart(events: GenerationEvent[], model?: string, messageId?: string): void {
    if (this.started) return;
    this.started = true;
    const requestId = this.info.requestId ?? messageId;
    events.push({ type: 'start', provider: this.info.provider, modelId: model || this.info.modelId, ...(requestId ? { requestId } : {}) });
  }
}
