import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { messageText, normalizePrompt, type PromptInput } from '../core/prompt.js';
import { commonJsRequire } from '../platform/optional-module.js';
import { checkNumber, checkOptions } from '../core/validate.js';

/** Tokens a chat format adds around each message (role, separators), and to prime the reply. */
const PER_MESSAGE_TOKENS = 4;
const REPLY_PRIMING_TOKENS = 3;
/** Special tokens in user text are counted as plain text, never rejected. */
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// The tokenizer's tables cost ~35 MB and ~170 ms to load, so they are loaded only when tokens are estimated
// (or `createRateLimiter` with `tokensPerMinute` starts the load), never by `import 'rxllm'`.
const utf8 = new TextEncoder();
/** The one function rxllm uses from the tokenizer package. */
interface TokenizerModule {
  countTokens(text: string, options: typeof AS_PLAIN_TEXT): number;
}

let countTokens: ((text: string) => number) | undefined;
let loading: Promise<boolean> | undefined;

/**
 * Loads the BPE tokenizer `estimateTokens` uses (`gpt-tokenizer`). In CommonJS it loads synchronously on
 * the first estimate; in ES modules it loads asynchronously, and until then estimates use a conservative
 * approximation (one token per 3 UTF-8 bytes) that the rate limiter later reconciles with the reported usage. `createRateLimiter({ tokensPerMinute })` calls this for you; await it yourself when the
 * very first estimates must be exact. Resolves `true` once loaded (`false` if the package cannot load).
 *
 * @example
 * await loadTokenizer();
 * estimateTokens('Hello'); // exact from now on
 */
export function loadTokenizer(): Promise<boolean> {
  if (countTokens) return Promise.resolve(true);
  if (commonJsRequire()) return Promise.resolve(requireTokenizer());
  loading ??= (import('gpt-tokenizer') as Promise<unknown> as Promise<TokenizerModule>).then(useTokenizer, () => false);
  return loading;
}

function useTokenizer(m: TokenizerModule): boolean {
  countTokens = (text) => m.countTokens(text, AS_PLAIN_TEXT);
  return true;
}

/** Where `require` exists (the CommonJS build, Jest) the tokenizer loads synchronously on first use. */
function requireTokenizer(): boolean {
  try {
    return useTokenizer(commonJsRequire()!('gpt-tokenizer') as TokenizerModule);
  } catch {
    return false;
  }
}

/** Prompt tokens of one text: exact once the tokenizer is loaded, a conservative approximation before. */
function promptTokens(text: string): number {
  if (!countTokens && commonJsRequire()) requireTokenizer();
  return countTokens ? countTokens(text) : Math.ceil(utf8.encode(text).length / 3);
}

/** Options of `estimateTokens`. */
export interface EstimateTokensOptions {
  /** The call's `maxTokens`: the most the completion can use. @default undefined (use `defaultCompletionTokens`) */
  readonly maxTokens?: number;
  /** The completion estimate when `maxTokens` is not set. @default 256 */
  readonly defaultCompletionTokens?: number;
}

/** Every `EstimateTokensOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<EstimateTokensOptions> = { maxTokens: true, defaultCompletionTokens: true };

/** The default completion estimate of `estimateTokens` when no `maxTokens` is given. */
export const DEFAULT_COMPLETION_TOKENS = 256;

/**
 * Estimates the tokens a call will count against a tokens-per-minute limit, before it is sent: the prompt
 * counted with a real BPE tokenizer (`gpt-tokenizer`, the `o200k_base` encoding of current OpenAI models;
 * other providers' tokenizers differ by a few percent) plus a few tokens of chat framing per message, plus
 * the completion budget (`maxTokens`, else `defaultCompletionTokens`). Until `loadTokenizer()` has finished,
 * prompt tokens are approximated (one per 3 UTF-8 bytes, which over-counts English text). Providers count `max_tokens` the
 * same way when they admit a request; the rate limiter corrects the estimate with the reported usage.
 * Throws `InvalidArgumentError` for an invalid prompt.
 *
 * @example
 * estimateTokens('Hello, how are you?', { maxTokens: 100 }); // 6 prompt + 7 framing + 100 = 113
 */
export function estimateTokens(input: PromptInput, options: EstimateTokensOptions = {}): number {
  checkOptions('options', options);
  checkKnownKeys('options', options, OPTION_NAMES);
  checkNumber('maxTokens', options.maxTokens);
  checkNumber('defaultCompletionTokens', options.defaultCompletionTokens);
  const messages = normalizePrompt(input);
  let prompt = REPLY_PRIMING_TOKENS;
  for (const m of messages) prompt += PER_MESSAGE_TOKENS + promptTokens(messageText(m));
  return prompt + (options.maxTokens ?? options.defaultCompletionTokens ?? DEFAULT_COMPLETION_TOKENS);
}

/**
 * The tokens of a plain text (no chat framing, no completion): what an embedding request counts. Exact once
 * the tokenizer is loaded (see `loadTokenizer`), a conservative approximation before.
 *
 * @example
 * countTextTokens('Hello, how are you?'); // 6
 */
export function countTextTokens(text: string): number {
  return promptTokens(text);
}

/**
 * Starts loading the tokenizer in the background where it loads asynchronously (ES modules), so that counts
 * made a little later are exact; does nothing where it loads synchronously on first use (CommonJS), so a
 * pipeline that never counts never pays for it.
 *
 * @example
 * preloadTokenizer(); // at the start of a pipeline that may count tokens
 */
export function preloadTokenizer(): void {
  if (!countTokens && !commonJsRequire()) void loadTokenizer();
}
