import type { Usage } from '../../core/generation.js';
import type { GenerationEvent } from '../../core/stream-event.js';
import { mapOpenAIFinishReason } from './map-finish-reason.js';
import { makeUsage } from '../shared/usage.js';

/** The parts of an OpenAI stream chunk (chat `chat.completion.chunk` or legacy `text_completion`) that matter here. */
export interface OpenAIStreamChunk {
  readonly model?: string;
  readonly choices?: readonly {
    readonly index?: number;
    readonly finish_reason?: string | null;
    /** Chat chunks. */
    readonly delta?: { readonly content?: string | null } | null;
    /** Legacy completion chunks. */
    readonly text?: string | null;
  }[] | null;
  readonly usage?: { readonly prompt_tokens?: number; readonly completion_tokens?: number } | null;
}

/** Where the translator gets its fixed facts. */
export interface OpenAIStreamInfo {
  readonly provider: string;
  /** The model requested (used until a chunk names the model that answered). */
  readonly modelId: string;
  readonly requestId?: string;
  /** How many choices were requested: each gets a `finish` even if the server never sent a finish_reason. */
  readonly n: number;
}

/**
 * Translates OpenAI stream chunks into rxllm's `GenerationEvent`s, in the documented order: `start` (with the
 * first chunk), `text-delta`s, one `finish` per choice, then one `usage` (from the `include_usage` chunk) at the
 * end. Works for chat chunks (`delta.content`) and legacy completion chunks (`text`).
 *
 * @example
 * const t = new OpenAIStreamTranslator({ provider: 'openai.chat', modelId: 'gpt-4o-mini', n: 1 });
 * for await (const chunk of stream) emitAll(t.push(chunk));
 * emitAll(t.end());
 */
export class OpenAIStreamTranslator {
  private started = false;
  private usage: Usage | undefined;
  private readonly finished = new Set<number>();
  private readonly seen = new Set<number>();
  private text0 = '';
  private anyText = false;

  constructor(private readonly info: OpenAIStreamInfo) {}

  /** Text of choice 0 received so far (for `StreamError.partialText`). */
  get partialText(): string {
    return this.text0;
  }

  /** True once any text-delta was produced. */
  get textStarted(): boolean {
    return this.anyText;
  }

  /** The events one chunk produces. */
  push(chunk: OpenAIStreamChunk): GenerationEvent[] {
    const events: GenerationEvent[] = [];
    this.ensureStart(events, chunk.model);
    for (const choice of chunk.choices ?? []) {
      const index = choice.index ?? 0;
      this.seen.add(index);
      const text = choice.delta?.content ?? choice.text ?? '';
      if (text !== '') {
        this.anyText = true;
        if (index === 0) this.text0 += text;
        events.push({ type: 'text-delta', index, text });
      }
      if (choice.finish_reason && !this.finished.has(index)) {
        this.finished.add(index);
        const raw = choice.finish_reason;
        events.push({ type: 'finish', index, finishReason: mapOpenAIFinishReason(raw), rawFinishReason: raw });
      }
    }
    if (chunk.usage) this.usage = makeUsage(chunk.usage.prompt_tokens, chunk.usage.completion_tokens);
    return events;
  }

  /** The events that close the stream: any missing `finish`, then `usage` when the server reported it. */
  end(): GenerationEvent[] {
    const events: GenerationEvent[] = [];
    this.ensureStart(events, undefined);
    const count = Math.max(this.info.n, this.seen.size === 0 ? 0 : Math.max(...this.seen) + 1);
    for (let index = 0; index < count; index++) {
      if (!this.finished.has(index)) {
        this.finished.add(index);
        events.push({ type: 'finish', index, finishReason: 'other', rawFinishReason: null });
      }
    }
    if (this.usage) events.push({ type: 'usage', usage: this.usage });
    return events;
  }

  private ensureStart(events: GenerationEvent[], model: string | undefined): void {
    if (this.started) return;
    this.started = true;
    const { provider, requestId } = this.info;
    events.push({ type: 'start', provider, modelId: model || this.info.modelId, ...(requestId ? { requestId } : {}) });
  }
}
