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

/**
 * How text is cut for the tokenizer, whose BPE merge is quadratic in the length of a run without spaces (100 KB
 * of "a" in one call took 10 s, 10 K Chinese characters 1 s). Pieces end just before a space that follows a
 * non-space (exact: the tokenizer starts a new pre-token there anyway) once they are `PIECE_CHARS` long, and a
 * run without spaces is cut every `MAX_RUN` characters (at most about one token more per cut).
 */
const PIECE_CHARS = 2048;
const MAX_RUN = 128;
/**
 * Characters counted exactly per estimate (all messages together; about 40 ms for Chinese text, the slowest
 * to count, and a few ms for English); the rest is extrapolated.
 */
const EXACT_CHARS = 64 * 1024;
/** Past `EXACT_CHARS`, tokens per UTF-8 byte are those of the counted part, but never fewer than this. */
const MIN_TOKENS_PER_BYTE = 1 / 5;
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

/**
 * Prompt tokens of `texts` (the messages' contents): counted in bounded pieces up to `EXACT_CHARS` characters
 * in all, the rest extrapolated from them by UTF-8 bytes. Before the tokenizer has loaded: one token per 3
 * bytes. The work is linear in the text and bounded per estimate.
 */
function promptTokens(texts: readonly string[]): number {
  if (!countTokens && commonJsRequire()) requireTokenizer();
  const count = countTokens;
  if (!count) return Math.ceil(texts.reduce((bytes, t) => bytes + utf8Length(t, 0, t.length), 0) / 3);
  let budget = EXACT_CHARS;
  let exactTokens = 0;
  let cut = false;
  const ends: number[] = []; // how much of each text is counted exactly
  for (const text of texts) {
    const end = budget >= text.length ? text.length : safeCut(text, budget);
    exactTokens += countInPieces(text, end, count);
    ends.push(end);
    budget -= end;
    cut ||= end < text.length;
  }
  if (!cut) return exactTokens;
  let exactBytes = 0;
  let restBytes = 0;
  texts.forEach((text, i) => {
    exactBytes += utf8Length(text, 0, ends[i]!);
    restBytes += utf8Length(text, ends[i]!, text.length);
  });
  return exactTokens + Math.ceil(restBytes * Math.max(exactBytes > 0 ? exactTokens / exactBytes : 0, MIN_TOKENS_PER_BYTE));
}

/** Tokens of `text.slice(0, end)`, counted in pieces (see `PIECE_CHARS`): one linear scan. */
function countInPieces(text: string, end: number, count: (piece: string) => number): number {
  if (end <= MAX_RUN) return end === 0 ? 0 : count(end === text.length ? text : text.slice(0, end));
  let tokens = 0;
  let start = 0; // of the current piece
  let run = 0; // length of the current run of spaces, or of non-spaces
  let spaces = false; // the kind of the current run
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const space = isSpace(c);
    if (space !== spaces) {
      // Before a space that ends a word: a cut that changes nothing, taken once the piece is long enough.
      if (c === 0x20 && i - start >= PIECE_CHARS) {
        tokens += count(text.slice(start, i));
        start = i;
      }
      spaces = space;
      run = 1;
    } else if (++run > MAX_RUN && !(c >= 0xdc00 && c <= 0xdfff)) {
      // A long run (of spaces or not): cut it, never inside a surrogate pair.
      tokens += count(text.slice(start, i));
      start = i;
      run = 1;
    }
  }
  return tokens + (start < end ? count(start === 0 && end === text.length ? text : text.slice(start, end)) : 0);
}

/** `at`, or one less when `at` would split a surrogate pair. */
function safeCut(text: string, at: number): number {
  const c = text.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0xfeff;
}

/** UTF-8 length of `text.slice(from, to)`, without encoding it. */
function utf8Length(text: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
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
 * prompt tokens are approximated (one per 3 UTF-8 bytes, which over-counts English text). Providers count
 * `max_tokens` the same way when they admit a request; the rate limiter corrects the estimate with the
 * reported usage. Throws `InvalidArgumentError` for an invalid prompt.
 *
 * The work is linear in the prompt and bounded (it runs synchronously, before every rate-limited request):
 * the text is counted in pieces cut before a space (exact) and, inside a run without spaces, every 128
 * characters (at most about one token more per cut); past the first 64 Ki characters of a prompt, the rest
 * is extrapolated by UTF-8 bytes at the rate of the counted part, never below one token per 5 bytes. So
 * 100 KB of "a" takes milliseconds, not seconds, and a 10 MB prompt costs no more than a 64 KB one plus a
 * byte count.
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
  const prompt = REPLY_PRIMING_TOKENS + PER_MESSAGE_TOKENS * messages.length + promptTokens(messages.map(messageText));
  return prompt + (options.maxTokens ?? options.defaultCompletionTokens ?? DEFAULT_COMPLETION_TOKENS);
}

/**
 * The tokens of a plain text (no chat framing, no completion): what an embedding request counts. Exact once
 * the tokenizer is loaded (see `loadTokenizer`) for texts up to 64 Ki characters (beyond, the rest is
 * extrapolated at the counted rate, so the work stays bounded), a conservative approximation before.
 *
 * @example
 * countTextTokens('Hello, how are you?'); // 6
 */
export function countTextTokens(text: string): number {
  return promptTokens([text]);
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
