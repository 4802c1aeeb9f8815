import { countTokens } from 'gpt-tokenizer';
import { normalizePrompt, type PromptInput } from '../model/prompt.js';
import { checkNumber } from './policy-internals.js';

/** Tokens a chat format adds around each message (role, separators), and to prime the reply. */
const PER_MESSAGE_TOKENS = 4;
const REPLY_PRIMING_TOKENS = 3;
/** Special tokens in user text are counted as plain text, never rejected. */
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Options of `estimateTokens`. */
export interface EstimateTokensOptions {
  /** The call's `maxTokens`: the most the completion can use. @default undefined (use `defaultCompletionTokens`) */
  readonly maxTokens?: number;
  /** The completion estimate when `maxTokens` is not set. @default 256 */
  readonly defaultCompletionTokens?: number;
}

/** The default completion estimate of `estimateTokens` when no `maxTokens` is given. */
export const DEFAULT_COMPLETION_TOKENS = 256;

/**
 * Estimates the tokens a call will count against a tokens-per-minute limit, before it is sent: the prompt
 * counted with a real BPE tokenizer (`gpt-tokenizer`, the `o200k_base` encoding of current OpenAI models;
 * other providers' tokenizers differ by a few percent) plus a few tokens of chat framing per message, plus
 * the completion budget (`maxTokens`, else `defaultCompletionTokens`). Providers count `max_tokens` the
 * same way when they admit a request; the rate limiter corrects the estimate with the reported usage.
 * Throws `InvalidArgumentError` for an invalid prompt.
 *
 * @example
 * estimateTokens('Hello, how are you?', { maxTokens: 100 }); // 6 prompt + 7 framing + 100 = 113
 */
export function estimateTokens(input: PromptInput, options: EstimateTokensOptions = {}): number {
  checkNumber('maxTokens', options.maxTokens);
  checkNumber('defaultCompletionTokens', options.defaultCompletionTokens);
  const messages = normalizePrompt(input);
  let prompt = REPLY_PRIMING_TOKENS;
  for (const m of messages) prompt += PER_MESSAGE_TOKENS + countTokens(m.content, AS_PLAIN_TEXT);
  return prompt + (options.maxTokens ?? options.defaultCompletionTokens ?? DEFAULT_COMPLETION_TOKENS);
}
