// The parts a message is made of: what a user sends (text, images), what an assistant answers (text,
// reasoning, tool calls) and what a tool returns. One type per part, tagged by `type`.

/** Plain text. */
export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

/**
 * An image in a user message: a URL (`https://…`), a data URL (`data:image/png;base64,…`) or the bytes.
 * `mediaType` (e.g. `image/png`) is needed for bytes whose format is not PNG, JPEG, GIF or WebP.
 */
export interface ImagePart {
  readonly type: 'image';
  readonly image: string | Uint8Array;
  readonly mediaType?: string;
}

/**
 * The model's reasoning (Anthropic extended thinking, `reasoning_content` of OpenAI-compatible servers).
 * `signature` is Anthropic's proof that the text is the model's own: send the part back unchanged in a tool
 * loop (the API rejects an altered or unsigned thinking block).
 */
export interface ReasoningPart {
  readonly type: 'reasoning';
  readonly text: string;
  readonly signature?: string;
}

/** Reasoning the provider encrypted (Anthropic `redacted_thinking`): opaque, sent back exactly as received. */
export interface RedactedReasoningPart {
  readonly type: 'redacted-reasoning';
  readonly data: string;
}

/** A tool the assistant asked to call, with its parsed input. */
export interface ToolCallPart {
  readonly type: 'tool-call';
  readonly toolCallId: string;
  readonly toolName: string;
  readonly input: unknown;
}

/** What a tool answered to a call (sent in a `tool` message). Non-string output is sent as JSON. */
export interface ToolResultPart {
  readonly type: 'tool-result';
  readonly toolCallId: string;
  readonly toolName: string;
  readonly output: unknown;
  /** The tool failed: `output` describes the failure. @default false */
  readonly isError?: boolean;
}

/** The parts of a user message. */
export type UserPart = TextPart | ImagePart;

/** The parts of an assistant message, in the order the model produced them. */
export type AssistantPart = TextPart | ReasoningPart | RedactedReasoningPart | ToolCallPart;

/** Any part of any message. */
export type ContentPart = UserPart | AssistantPart | ToolResultPart;
