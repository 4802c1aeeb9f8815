// The provider-neutral view of a chat request that the turn planner answers: what the routes read from an
// OpenAI chat or an Anthropic messages body (after validating it the way the real API does).

/** A tool the request offers (OpenAI `function`, Anthropic custom tool). */
export interface ToolSpec {
  readonly name: string;
  /** Its JSON Schema (OpenAI `parameters`, Anthropic `input_schema`); undefined: no arguments. */
  readonly schema: unknown;
}

/**
 * Which tools the model may or must call: `auto` calls the tools the last user message names, `none` never
 * calls, `required` calls at least one (the named ones, else the first tool), `named` calls exactly that tool.
 */
export type ToolChoice =
  | { readonly mode: 'auto' }
  | { readonly mode: 'none' }
  | { readonly mode: 'required' }
  | { readonly mode: 'named'; readonly name: string };

/** A tool result the conversation ends with. */
export interface ToolResult {
  /** The tool's name (from the call it answers). */
  readonly name: string;
  /** Its text content (text blocks joined). */
  readonly content: string;
  readonly isError: boolean;
}

/** What the simulator can tell about an attached image, without fetching anything. */
export interface ImageInfo {
  /** `PNG`, `JPEG`, `GIF` or `WEBP`; undefined for a URL. */
  readonly format: string | undefined;
  readonly bytes: number | undefined;
  readonly width: number | undefined;
  readonly height: number | undefined;
  /** The host of an image given by URL. */
  readonly host: string | undefined;
  /** Prompt tokens charged for it. */
  readonly tokens: number;
}

/** Structured output the request asks for. */
export type OutputFormat =
  | { readonly kind: 'json-schema'; readonly schema: unknown }
  | { readonly kind: 'json-object' };

/** Everything one chat turn's reply is planned from. */
export interface TurnRequest {
  /** Route, model and whole conversation: the same request gets the same reply (at temperature 0). */
  readonly seed: string;
  /** The request's variation key when it samples (temperature > 0), else undefined. */
  readonly variation: string | undefined;
  /** The last user message's text. */
  readonly prompt: string;
  /** The system instructions (OpenAI system/developer messages, Anthropic `system`), joined. */
  readonly instructions: string;
  readonly maxTokens: number | undefined;
  readonly stops: readonly string[];
  readonly tools: readonly ToolSpec[];
  readonly toolChoice: ToolChoice;
  /** False: at most one tool call (`parallel_tool_calls: false`, `disable_parallel_tool_use: true`). */
  readonly parallelToolCalls: boolean;
  /** The tool results the conversation ends with (the reply answers them), else empty. */
  readonly toolResults: readonly ToolResult[];
  /** The images of the last user message. */
  readonly images: readonly ImageInfo[];
  readonly outputFormat: OutputFormat | undefined;
  /**
   * Visible reasoning before the answer (Anthropic thinking, `reasoning_content`): at most `budget` tokens;
   * `omitted`: the thinking text is left out (counted, signed, but sent empty).
   */
  readonly thinking: { readonly budget: number; readonly omitted: boolean } | undefined;
  /** Hidden reasoning (OpenAI reasoning models): the effort, which sets how many reasoning tokens are counted. */
  readonly reasoningEffort: string | undefined;
}
