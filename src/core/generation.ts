import type { AssistantPart, ToolCallPart } from './content.js';
import type { AssistantMessage } from './prompt.js';

/**
 * Why a generation ended, normalised across providers.
 * - `stop`: natural end or a stop sequence; `length`: the token limit; `content_filter`: a safety filter or
 *   a refusal (never a plain `stop`); `tool_calls`: the model asked for tools; `error`: the provider ended the
 *   output with an error; `other`: anything else (the raw value is kept in `rawFinishReason`).
 */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'error' | 'other';

/**
 * Token counts for one call. `totalTokens` is the provider's own total when it sends one (vendors count
 * differently), else `inputTokens + outputTokens`. The details are present only when the provider reports them.
 */
export interface Usage {
  /** Every input token, cached ones included (Anthropic's cache reads and writes are added in). */
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
  /** Input tokens read from the provider's prompt cache (OpenAI `cached_tokens`, Anthropic `cache_read_input_tokens`). */
  readonly cachedInputTokens?: number;
  /** Input tokens written to the prompt cache (Anthropic `cache_creation_input_tokens`). */
  readonly cacheWriteInputTokens?: number;
  /** Output tokens spent reasoning (OpenAI `reasoning_tokens`, Anthropic `thinking_tokens`); part of `outputTokens`. */
  readonly reasoningTokens?: number;
}

/** A tool call the model made: its id, the tool, the parsed input and the JSON text it came as. */
export interface ToolCall {
  readonly toolCallId: string;
  readonly toolName: string;
  /** The arguments, parsed. */
  readonly input: unknown;
  /** The arguments as the provider sent them (JSON text). */
  readonly rawInput: string;
}

/** One of the `n` outputs of a call (most calls have exactly one). */
export interface Choice {
  /** The choice's index within its prompt, as the provider numbers it (0-based). */
  readonly index: number;
  /** Its text parts, joined. */
  readonly text: string;
  readonly finishReason: FinishReason;
  /** The provider's own finish/stop reason, e.g. `"end_turn"` or `"stop"`; `null` when it sent none. */
  readonly rawFinishReason: string | null;
  /** The assistant's parts in order: text, reasoning (with signatures), redacted reasoning, tool calls. */
  readonly content: readonly AssistantPart[];
  /** The tool calls, in order. */
  readonly toolCalls: readonly ToolCall[];
  /** Its reasoning text, joined; `''` when none. */
  readonly reasoning: string;
  /** The refusal text when the model refused (then `finishReason` is `content_filter`); absent otherwise. */
  readonly refusal?: string;
  /** The provider's own details of why it stopped (Anthropic `stop_details`), when it sent any. */
  readonly stopDetails?: Readonly<Record<string, unknown>>;
}

/** The result of `LanguageModel.generate`: one completed call. Its own fields are those of `choices[0]`. */
export interface Generation extends Omit<Choice, 'index'> {
  /** Token usage as reported by the provider; absent only when the provider reported none. */
  readonly usage?: Usage;
  /** Every choice, in index order; `choices[0]` is the same as the generation's own fields. */
  readonly choices: readonly Choice[];
  /** The provider key, e.g. `"openai.chat"`. */
  readonly provider: string;
  /** The model id the provider answered with (falls back to the one requested). */
  readonly modelId: string;
  /** The provider's request id (`x-request-id` / `request-id` header, or the response `id`). */
  readonly requestId?: string;
  /**
   * The assistant message to append to the conversation (choice 0's `content`): it replays exactly, ids,
   * arguments, reasoning signatures and redacted reasoning included.
   */
  readonly message: AssistantMessage;
}

/** What a choice is made of before its derived fields (text, tool calls, reasoning) are read off its parts. */
export interface ChoiceParts {
  readonly index: number;
  readonly content: readonly AssistantPart[];
  readonly finishReason: FinishReason;
  readonly rawFinishReason: string | null;
  /** The raw JSON text of each tool call's input, by tool call id (else `JSON.stringify(input)`). */
  readonly rawInputs?: ReadonlyMap<string, string>;
  readonly refusal?: string;
  readonly stopDetails?: Readonly<Record<string, unknown>>;
}

/** A `Choice` from its parts: `text`, `reasoning` and `toolCalls` are read off `content`. */
export function makeChoice(parts: ChoiceParts): Choice {
  let text = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  for (const part of parts.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') reasoning += part.text;
    else if (part.type === 'tool-call') toolCalls.push(toolCallOf(part, parts.rawInputs?.get(part.toolCallId)));
  }
  return {
    index: parts.index,
    text,
    finishReason: parts.finishReason,
    rawFinishReason: parts.rawFinishReason,
    content: parts.content,
    toolCalls,
    reasoning,
    ...(parts.refusal !== undefined ? { refusal: parts.refusal } : {}),
    ...(parts.stopDetails !== undefined ? { stopDetails: parts.stopDetails } : {}),
  };
}

/** The facts of a call besides its choices. */
export interface CallFacts {
  readonly provider: string;
  readonly modelId: string;
  readonly requestId?: string;
  readonly usage?: Usage;
}

/**
 * A `Generation` from its choices (in index order; at least one) and the call's facts: the generation's own
 * fields are choice 0's, and `message` replays choice 0.
 */
export function makeGeneration(choices: readonly Choice[], facts: CallFacts): Generation {
  const first = choices[0] ?? makeChoice({ index: 0, content: [], finishReason: 'other', rawFinishReason: null });
  const { index: _index, ...own } = first;
  return {
    ...own,
    ...(facts.usage ? { usage: facts.usage } : {}),
    choices: choices.length > 0 ? choices : [first],
    provider: facts.provider,
    modelId: facts.modelId,
    ...(facts.requestId ? { requestId: facts.requestId } : {}),
    message: { role: 'assistant', content: first.content },
  };
}

function toolCallOf(part: ToolCallPart, rawInput: string | undefined): ToolCall {
  return { toolCallId: part.toolCallId, toolName: part.toolName, input: part.input, rawInput: rawInput ?? JSON.stringify(part.input ?? {}) };
}

/**
 * Content parts from text alone (a provider or a fake that produced plain text): one text part, or none
 * for an empty text.
 */
export function textContent(text: string): AssistantPart[] {
  return text === '' ? [] : [{ type: 'text', text }];
}
