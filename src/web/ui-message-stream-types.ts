// The parts of the Vercel AI SDK's UI Message Stream protocol (v1) and UI messages that rxllm writes and reads,
// declared here so that rxllm needs no `ai` package: the server helpers write these chunks, `remoteModel`
// reads them (and ignores the kinds it has no event for), and the request carries `UiMessage`s. Field names
// and meanings are the AI SDK's (`uiMessageChunkSchema`, `UIMessage`).

/** Provider-specific facts on a part, by provider (`{ anthropic: { signature } }`). */
export type UiProviderMetadata = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Why the message ended, as the protocol spells it. */
export type UiFinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

/**
 * One chunk of a UI message stream (one SSE `data:` line): the message starts; text and reasoning parts
 * stream by id (start, deltas, end); a tool call's input streams and becomes available, then its output (or
 * an error); steps of a tool loop begin and end; metadata about the message; the message finishes, fails
 * (`error`) or is aborted. Other chunk kinds the protocol has (sources, files, `data-*` parts, tool approval)
 * are read past.
 */
export type UiMessageChunk =
  | { readonly type: 'start'; readonly messageId?: string; readonly messageMetadata?: unknown }
  | { readonly type: 'text-start' | 'text-end'; readonly id: string; readonly providerMetadata?: UiProviderMetadata }
  | { readonly type: 'text-delta'; readonly id: string; readonly delta: string; readonly providerMetadata?: UiProviderMetadata }
  | { readonly type: 'reasoning-start' | 'reasoning-end'; readonly id: string; readonly providerMetadata?: UiProviderMetadata }
  | { readonly type: 'reasoning-delta'; readonly id: string; readonly delta: string; readonly providerMetadata?: UiProviderMetadata }
  | { readonly type: 'tool-input-start'; readonly toolCallId: string; readonly toolName: string; readonly dynamic?: boolean }
  | { readonly type: 'tool-input-delta'; readonly toolCallId: string; readonly inputTextDelta: string }
  | { readonly type: 'tool-input-available'; readonly toolCallId: string; readonly toolName: string; readonly input: unknown; readonly dynamic?: boolean }
  | { readonly type: 'tool-input-error'; readonly toolCallId: string; readonly toolName: string; readonly input: unknown; readonly errorText: string }
  | { readonly type: 'tool-output-available'; readonly toolCallId: string; readonly output: unknown; readonly preliminary?: boolean }
  | { readonly type: 'tool-output-error'; readonly toolCallId: string; readonly errorText: string }
  | { readonly type: 'tool-output-denied'; readonly toolCallId: string }
  | { readonly type: 'start-step' | 'finish-step' }
  | { readonly type: 'message-metadata'; readonly messageMetadata: unknown }
  | { readonly type: 'finish'; readonly finishReason?: UiFinishReason; readonly messageMetadata?: unknown }
  | { readonly type: 'error'; readonly errorText: string }
  | { readonly type: 'abort'; readonly reason?: string };

/** A chunk kind rxllm reads. */
export type UiMessageChunkType = UiMessageChunk['type'];

/**
 * A tool call in a UI message (`tool-<name>` parts, or `dynamic-tool` with `toolName`): its input, then its
 * output or error once the tool answered.
 */
export interface UiToolPart {
  readonly type: `tool-${string}`;
  readonly toolCallId: string;
  readonly toolName?: string;
  readonly state: 'input-streaming' | 'input-available' | 'output-available' | 'output-error' | (string & {});
  readonly input?: unknown;
  readonly output?: unknown;
  readonly errorText?: string;
}

/** A part of a UI message, as far as rxllm reads and writes them (other kinds are skipped when read). */
export type UiMessagePart =
  | { readonly type: 'text'; readonly text: string; readonly state?: 'streaming' | 'done'; readonly providerMetadata?: UiProviderMetadata }
  | { readonly type: 'reasoning'; readonly text: string; readonly state?: 'streaming' | 'done'; readonly providerMetadata?: UiProviderMetadata }
  | { readonly type: 'file'; readonly mediaType: string; readonly url: string; readonly filename?: string }
  | { readonly type: 'step-start' }
  | UiToolPart;

/** A message as the AI SDK's `useChat` sends it (`UIMessage`): an id, a role and its parts. */
export interface UiMessage {
  readonly id: string;
  readonly role: 'system' | 'user' | 'assistant';
  readonly parts: readonly UiMessagePart[];
  readonly metadata?: unknown;
}

/** The headers of a UI message stream response (the AI SDK's `UI_MESSAGE_STREAM_HEADERS`). */
export const UI_MESSAGE_STREAM_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-vercel-ai-ui-message-stream': 'v1',
  // Tells nginx not to buffer the stream.
  'x-accel-buffering': 'no',
};

/** The protocol's `finishReason` for rxllm's. */
export const UI_FINISH_REASON = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  tool_calls: 'tool-calls',
  error: 'error',
  other: 'other',
} as const;
