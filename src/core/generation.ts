/**
 * Why a generation ended, normalised across providers.
 * - `stop`: natural end or a stop sequence; `length`: the token limit; `content_filter`: a safety filter;
 * - `tool_calls`: the model asked for a tool; `error`: the provider ended the output with an error;
 * - `other`: anything else (the raw value is kept in `rawFinishReason`).
 */
export type FinishReason = 'stop' | 'length' | 'content_filter' | 'tool_calls' | 'error' | 'other';

/** Token counts for one call. `totalTokens` is always `inputTokens + outputTokens`. */
export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
}

/** One of the `n` outputs of a call (most calls have exactly one). */
export interface Choice {
  /** The choice's index within its prompt, as the provider numbers it (0-based). */
  readonly index: number;
  readonly text: string;
  readonly finishReason: FinishReason;
  /** The provider's own finish/stop reason, e.g. `"end_turn"` or `"stop"`; `null` when it sent none. */
  readonly rawFinishReason: string | null;
}

/** The result of `LanguageModel.generate`: one completed call. */
export interface Generation {
  /** The text of the first choice (the one most callers want). */
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly rawFinishReason: string | null;
  /** Token usage as reported by the provider; absent only when the provider reported none. */
  readonly usage?: Usage;
  /** Every choice, in index order; `choices[0]` is the same as `text`/`finishReason`. */
  readonly choices: readonly Choice[];
  /** The provider key, e.g. `"openai.chat"`. */
  readonly provider: string;
  /** The model id the provider answered with (falls back to the one requested). */
  readonly modelId: string;
  /** The provider's request id (`x-request-id` / `request-id` header, or the response `id`). */
  readonly requestId?: string;
}
