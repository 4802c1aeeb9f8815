import type { Usage } from '../../core/generation.js';
import type { GenerationEvent } from '../../core/stream-event.js';
import { BaseStreamTranslator } from '../shared/base-stream-translator.js';
import { parseToolInput, type ToolCallOrigin } from '../shared/tool-input.js';
import { finishOf } from './map-finish-reason.js';
import { openAIUsage, type OpenAIUsageLike } from './usage.js';

/** A tool call fragment of a chat chunk's `delta.tool_calls`. */
interface ToolCallDelta {
  readonly index?: number;
  readonly id?: string | null;
  readonly function?: { readonly name?: string | null; readonly arguments?: string | null } | null;
}

/** The parts of an OpenAI stream chunk (chat `chat.completion.chunk` or legacy `text_completion`) that matter here. */
export interface OpenAIStreamChunk {
  readonly id?: string;
  readonly model?: string;
  readonly choices?:
    | readonly {
        readonly index?: number;
        readonly finish_reason?: string | null;
        /** Chat chunks (compatible servers add `reasoning_content` / `reasoning`). */
        readonly delta?: {
          readonly content?: string | null;
          readonly refusal?: string | null;
          readonly reasoning_content?: string | null;
          readonly reasoning?: string | null;
          readonly tool_calls?: readonly ToolCallDelta[] | null;
        } | null;
        /** Legacy completion chunks. */
        readonly text?: string | null;
      }[]
    | null;
  readonly usage?: OpenAIUsageLike | null;
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

/** A tool call being streamed: OpenAI numbers them per choice (`index`), the id and name come first. */
interface PendingCall {
  id: string | undefined;
  name: string | undefined;
  raw: string;
  started: boolean;
}

/** What the translator keeps per choice. */
interface ChoiceState {
  readonly calls: Map<number, PendingCall>;
  refused: boolean;
  finished: boolean;
}

/**
 * Translates OpenAI stream chunks into rxllm's `GenerationEvent`s: `start` (once a chunk names the model, or
 * carries a choice: Azure's model router first sends a chunk with neither), then per choice `reasoning-delta`s
 * (`reasoning_content` / `reasoning` of compatible servers), `text-delta`s, `refusal-delta`s, and
 * `tool-call-start` / `tool-call-delta` / `tool-call` for each tool call (parallel calls keep their own ids;
 * inputs are parsed when the choice finishes), one `finish` per choice (`content_filter` after a refusal),
 * then one `usage` at the end. Works for chat chunks and legacy completion chunks (`text`).
 *
 * @example
 * const t = new OpenAIStreamTranslator({ provider: 'openai.chat', modelId: 'gpt-4o-mini', n: 1 });
 * for await (const chunk of stream) emitAll(t.push(chunk));
 * emitAll(t.end());
 */
export class OpenAIStreamTranslator extends BaseStreamTranslator<OpenAIStreamChunk> {
  private requestIdSoFar: string | undefined;
  private usageSoFar: Usage | undefined;
  private readonly choices = new Map<number, ChoiceState>();
  /**
   * The first tool call whose input did not parse (in a choice not cut by the token limit): its choice gets
   * no `finish`, and `end` throws its `InvalidOutputError` with the usage, which comes in the last chunk.
   */
  private unparsed: { readonly raw: string; readonly origin: ToolCallOrigin } | undefined;

  constructor(private readonly info: OpenAIStreamInfo) {
    super(info.provider, info.modelId);
    this.requestIdSoFar = info.requestId;
  }

  get usage(): Usage | undefined {
    return this.usageSoFar;
  }

  /** The request id header, else the id of the first chunk that had one. */
  get requestId(): string | undefined {
    return this.requestIdSoFar;
  }

  push(chunk: OpenAIStreamChunk): GenerationEvent[] {
    const events: GenerationEvent[] = [];
    this.requestIdSoFar ??= chunk.id || undefined;
    if (chunk.model || (chunk.choices?.length ?? 0) > 0) this.start(events, chunk.model);
    for (const c of chunk.choices ?? []) {
      const index = c.index ?? 0;
      const state = this.choice(index);
      const delta = c.delta;
      this.delta(events, 'reasoning-delta', index, delta?.reasoning_content ?? delta?.reasoning);
      this.delta(events, 'text-delta', index, delta?.content ?? c.text);
      if (delta?.refusal) state.refused = true;
      this.delta(events, 'refusal-delta', index, delta?.refusal);
      delta?.tool_calls?.forEach((tc, k) => this.toolCallDelta(events, index, state, tc, k));
      if (c.finish_reason && !state.finished) this.finish(events, index, state, c.finish_reason);
    }
    if (chunk.usage) this.usageSoFar = openAIUsage(chunk.usage);
    return events;
  }

  end(): GenerationEvent[] {
    if (this.unparsed) {
      const usage = this.usageSoFar;
      parseToolInput(this.unparsed.raw, { ...this.unparsed.origin, ...(usage ? { usage } : {}) });
    }
    const events: GenerationEvent[] = [];
    this.start(events);
    const count = Math.max(this.info.n, ...[...this.choices.keys()].map((i) => i + 1));
    for (let index = 0; index < count; index++) {
      const state = this.choice(index);
      if (!state.finished) this.finish(events, index, state, null);
    }
    if (this.usageSoFar) events.push({ type: 'usage', usage: this.usageSoFar });
    return events;
  }

  private choice(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) this.choices.set(index, (state = { calls: new Map(), refused: false, finished: false }));
    return state;
  }

  private delta(events: GenerationEvent[], type: 'text-delta' | 'reasoning-delta' | 'refusal-delta', index: number, text: string | null | undefined): void {
    if (text) this.content(events, { type, index, text });
  }

  private toolCallDelta(events: GenerationEvent[], index: number, state: ChoiceState, tc: ToolCallDelta, position: number): void {
    const key = tc.index ?? position;
    let call = state.calls.get(key);
    if (!call) state.calls.set(key, (call = { id: undefined, name: undefined, raw: '', started: false }));
    call.id ||= tc.id || undefined;
    call.name ||= tc.function?.name || undefined;
    const args = tc.function?.arguments ?? '';
    call.raw += args;
    if (!call.started && call.id !== undefined && call.name !== undefined) {
      call.started = true;
      this.content(events, { type: 'tool-call-start', index, toolCallId: call.id, toolName: call.name });
      // Fragments that came before the id and name are sent now, as one delta.
      if (call.raw !== '') this.content(events, { type: 'tool-call-delta', index, toolCallId: call.id, inputDelta: call.raw });
    } else if (call.started && args !== '') {
      this.content(events, { type: 'tool-call-delta', index, toolCallId: call.id!, inputDelta: args });
    }
  }

  /** Completes the choice's tool calls (inputs parsed), then its `finish`. */
  private finish(events: GenerationEvent[], index: number, state: ChoiceState, reason: string | null): void {
    state.finished = true;
    const cut = reason === 'length';
    let valid = true;
    [...state.calls.entries()].forEach(([key, call]) => {
      const toolCallId = call.id ?? `call_${key}`;
      const toolName = call.name ?? '';
      if (!call.started) {
        call.started = true;
        events.push({ type: 'tool-call-start', index, toolCallId, toolName });
        if (call.raw !== '') events.push({ type: 'tool-call-delta', index, toolCallId, inputDelta: call.raw });
      }
      const origin = { provider: this.info.provider, toolName, toolCallId, ...(this.requestId ? { requestId: this.requestId } : {}) };
      let input: unknown;
      try {
        input = parseToolInput(call.raw, origin);
      } catch {
        if (cut) return; // cut by the token limit: an incomplete call, no `tool-call`
        valid = false;
        this.unparsed ??= { raw: call.raw, origin };
        return;
      }
      events.push({ type: 'tool-call', index, toolCallId, toolName, input, rawInput: call.raw });
    });
    if (valid) events.push({ type: 'finish', index, ...finishOf(reason, state.refused) });
  }
}
