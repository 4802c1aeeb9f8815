import type { FinishReason, Usage } from '../core/generation.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { isPlainObject } from '../core/validate.js';
import { AbortError } from '../errors/abort-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import type { LlmError } from '../errors/llm-error.js';
import { StreamError } from '../errors/stream-error.js';
import { safeCause } from '../providers/shared/map-sdk-error.js';
import type { RxllmMetadata } from './events-to-ui-chunks.js';
import { UI_FINISH_REASON, type UiMessageChunk, type UiProviderMetadata } from './ui-message-stream-types.js';

const FINISH_REASON_OF: Readonly<Record<string, FinishReason>> = Object.fromEntries(Object.entries(UI_FINISH_REASON).map(([ours, theirs]) => [theirs, ours as FinishReason]));

/** What a tool call's input looked like while it streamed. */
interface ToolInput {
  readonly toolName: string;
  raw: string;
  streamed: boolean;
}

/**
 * Turns UI message stream chunks back into rxllm's `GenerationEvent`s (choice 0), one chunk at a time (one
 * translator per stream). With rxllm's metadata (see `EventsToUiChunks`) the events are the server's own;
 * from any other server (the AI SDK's `streamText`) the missing ones are made up: a `start` (provider
 * `"remote"`) before the first content of each model call, and a `finish` at its end (the message's
 * `finishReason`, else `tool_calls` when the call asked for tools, else `stop`). Steps (`start-step`,
 * `finish-step`) become `step-start` / `step-finish`, tool outputs `tool-result`. `push` throws a
 * `StreamError` for an `error` chunk (with the text so far) and an `AbortError` for `abort`.
 *
 * @example
 * const t = new UiChunksToEvents('remote', '/api/chat');
 * t.push({ type: 'text-start', id: 't0' });                // []
 * t.push({ type: 'text-delta', id: 't0', delta: 'Hi' });   // start, text-delta
 */
export class UiChunksToEvents {
  private provider: string;
  private modelId: string;
  private requestId: string | undefined;
  /** A model call is in progress: its `start` was emitted and its `finish` not yet. */
  private inCall = false;
  private callHadToolCalls = false;
  private step = 0;
  /** A `finish-step` is waiting for the next chunk: a `finish` right after it gives the call's finish reason. */
  private stepEnding = false;
  private readonly refusalParts = new Set<string>();
  private readonly redactedParts = new Set<string>();
  private readonly toolInputs = new Map<string, ToolInput>();
  private readonly toolNames = new Map<string, string>();
  private errorFacts: RxllmMetadata['error'];
  private partialText = '';
  private contentStarted = false;
  private finished = false;

  constructor(provider: string, modelId: string) {
    this.provider = provider;
    this.modelId = modelId;
  }

  /** True once the message's `finish` chunk arrived. */
  get done(): boolean {
    return this.finished;
  }

  /** The events for one chunk. */
  push(chunk: UiMessageChunk): GenerationEvent[] {
    const out: GenerationEvent[] = [];
    if (this.stepEnding) this.endStep(out, chunk.type === 'finish' ? chunk.finishReason : undefined);
    switch (chunk.type) {
      case 'start':
        this.metadata(out, chunk.messageMetadata);
        break;
      case 'text-start':
        if (isRefusal(chunk.providerMetadata)) this.refusalParts.add(chunk.id);
        break;
      case 'text-delta':
        this.content(out);
        if (this.refusalParts.has(chunk.id)) out.push({ type: 'refusal-delta', index: 0, text: chunk.delta });
        else {
          this.partialText += chunk.delta;
          out.push({ type: 'text-delta', index: 0, text: chunk.delta });
        }
        break;
      case 'reasoning-start': {
        const redacted = stringIn(chunk.providerMetadata, 'anthropic', 'redactedData');
        if (redacted !== undefined) {
          this.content(out);
          this.redactedParts.add(chunk.id);
          out.push({ type: 'redacted-reasoning', index: 0, data: redacted });
        }
        break;
      }
      case 'reasoning-delta':
        if (this.redactedParts.has(chunk.id)) break;
        this.content(out);
        out.push({ type: 'reasoning-delta', index: 0, text: chunk.delta });
        break;
      case 'reasoning-end': {
        const signature = stringIn(chunk.providerMetadata, 'anthropic', 'signature');
        if (signature !== undefined && !this.redactedParts.has(chunk.id)) {
          this.content(out);
          out.push({ type: 'reasoning-signature', index: 0, signature });
        }
        break;
      }
      case 'tool-input-start':
        this.toolCallStart(out, chunk.toolCallId, chunk.toolName);
        break;
      case 'tool-input-delta': {
        const input = this.toolInputs.get(chunk.toolCallId);
        if (!input) break;
        input.raw += chunk.inputTextDelta;
        input.streamed = true;
        out.push({ type: 'tool-call-delta', index: 0, toolCallId: chunk.toolCallId, inputDelta: chunk.inputTextDelta });
        break;
      }
      case 'tool-input-available':
      case 'tool-input-error': {
        const input = this.toolInputs.get(chunk.toolCallId) ?? this.toolCallStart(out, chunk.toolCallId, chunk.toolName);
        this.toolInputs.delete(chunk.toolCallId);
        this.callHadToolCalls = true;
        const rawInput = input.streamed ? input.raw : (JSON.stringify(chunk.input) ?? '');
        out.push({ type: 'tool-call', index: 0, toolCallId: chunk.toolCallId, toolName: chunk.toolName, input: chunk.input, rawInput });
        break;
      }
      case 'tool-output-available':
        if (chunk.preliminary) break;
        this.endCall(out);
        out.push({ type: 'tool-result', toolCallId: chunk.toolCallId, toolName: this.toolNames.get(chunk.toolCallId) ?? '', output: chunk.output, isError: false });
        break;
      case 'tool-output-error':
      case 'tool-output-denied':
        this.endCall(out);
        out.push({
          type: 'tool-result',
          toolCallId: chunk.toolCallId,
          toolName: this.toolNames.get(chunk.toolCallId) ?? '',
          output: chunk.type === 'tool-output-error' ? chunk.errorText : 'The tool call was denied.',
          isError: true,
        });
        break;
      case 'start-step':
        out.push({ type: 'step-start', step: ++this.step });
        break;
      case 'finish-step':
        this.stepEnding = true;
        break;
      case 'message-metadata':
        this.metadata(out, chunk.messageMetadata);
        break;
      case 'finish':
        this.metadata(out, chunk.messageMetadata);
        this.endCall(out, chunk.finishReason);
        this.finished = true;
        break;
      case 'error':
        throw this.streamError(chunk.errorText);
      case 'abort':
        throw new AbortError(`${this.provider}: the server aborted the stream${chunk.reason ? `: ${chunk.reason}` : ''}`, { provider: this.provider });
    }
    return out;
  }

  /**
   * The error for a stream that broke before its `finish` (the connection dropped, the server crashed): a
   * retryable `ConnectionError` before any content, else a `StreamError` with the text so far.
   */
  interrupted(message: string, cause?: unknown): LlmError {
    const text = `${this.provider}: ${message}`;
    if (!this.contentStarted) return new ConnectionError(text, { provider: this.provider, cause: safeCause(cause) });
    return new StreamError(text, { provider: this.provider, partialText: this.partialText, cause: safeCause(cause) });
  }

  private streamError(text: string): StreamError {
    const facts = this.errorFacts;
    return new StreamError(text, {
      provider: this.provider,
      partialText: this.partialText,
      ...(facts?.code !== undefined ? { code: facts.code } : {}),
      ...(facts?.retryAfterMs !== undefined ? { retryAfterMs: facts.retryAfterMs } : {}),
      // Before any content, a retryable failure on the server can be retried here as it is; after, never transparently.
      isRetryable: !this.contentStarted && (facts?.isRetryable ?? false),
    });
  }

  private toolCallStart(out: GenerationEvent[], toolCallId: string, toolName: string): ToolInput {
    this.content(out);
    const input: ToolInput = { toolName, raw: '', streamed: false };
    this.toolInputs.set(toolCallId, input);
    this.toolNames.set(toolCallId, toolName);
    out.push({ type: 'tool-call-start', index: 0, toolCallId, toolName });
    return input;
  }

  /** Before content: the model call's `start`, when this call has none yet. */
  private content(out: GenerationEvent[]): void {
    this.contentStarted = true;
    if (this.inCall) return;
    this.startCall(out);
  }

  private startCall(out: GenerationEvent[]): void {
    this.inCall = true;
    this.callHadToolCalls = false;
    out.push({ type: 'start', provider: this.provider, modelId: this.modelId, ...(this.requestId ? { requestId: this.requestId } : {}) });
  }

  /** Ends the model call in progress with a made-up `finish` (the server sent none). */
  private endCall(out: GenerationEvent[], reason?: string): void {
    if (!this.inCall) return;
    this.inCall = false;
    const finishReason = (reason !== undefined ? FINISH_REASON_OF[reason] : undefined) ?? (this.callHadToolCalls ? 'tool_calls' : 'stop');
    out.push({ type: 'finish', index: 0, finishReason, rawFinishReason: null });
  }

  private endStep(out: GenerationEvent[], finishReason: string | undefined): void {
    this.stepEnding = false;
    this.endCall(out, finishReason);
    out.push({ type: 'step-finish', step: this.step });
  }

  /** rxllm's facts (`metadata.rxllm`): the server's own `start`, `finish` and `usage` events. */
  private metadata(out: GenerationEvent[], metadata: unknown): void {
    const facts = isPlainObject(metadata) && isPlainObject(metadata.rxllm) ? (metadata.rxllm as RxllmMetadata) : undefined;
    if (!facts) return;
    if (isPlainObject(facts.start) && typeof facts.start.provider === 'string' && typeof facts.start.modelId === 'string') {
      this.provider = facts.start.provider;
      this.modelId = facts.start.modelId;
      this.requestId = typeof facts.start.requestId === 'string' ? facts.start.requestId : undefined;
      if (this.inCall) this.endCall(out);
      this.startCall(out);
    }
    if (isPlainObject(facts.finish) && typeof facts.finish.finishReason === 'string' && this.inCall) {
      this.inCall = false;
      const { finishReason, rawFinishReason, stopDetails } = facts.finish;
      out.push({ type: 'finish', index: 0, finishReason, rawFinishReason: rawFinishReason ?? null, ...(isPlainObject(stopDetails) ? { stopDetails } : {}) });
    }
    if (isPlainObject(facts.usage)) out.push({ type: 'usage', usage: facts.usage as unknown as Usage });
    if (isPlainObject(facts.error)) this.errorFacts = facts.error;
  }
}

function isRefusal(metadata: UiProviderMetadata | undefined): boolean {
  return isPlainObject(metadata) && isPlainObject(metadata.rxllm) && metadata.rxllm.refusal === true;
}

function stringIn(metadata: UiProviderMetadata | undefined, provider: string, key: string): string | undefined {
  const value = isPlainObject(metadata) && isPlainObject(metadata[provider]) ? metadata[provider][key] : undefined;
  return typeof value === 'string' ? value : undefined;
}
