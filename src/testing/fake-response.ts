import type { FinishReason, Usage } from '../core/generation.js';
import type { PromptInput } from '../core/prompt.js';

/**
 * One scripted reply of `fakeModel`. Times are in scheduler time units: frames inside
 * `TestScheduler.run` (1 frame = 1 virtual ms), milliseconds otherwise. A time of 0 happens synchronously
 * at subscription.
 *
 * Timeline of a reply with `latency: L`, `tokenInterval: T` and chunks `c0..cN`: `stream()` emits `start`
 * and `c0` at L, `ci` at L + i·T, then `finish`, `usage` and completion together with `cN`; `generate()`
 * emits the `Generation` at that last frame, L + N·T. With `error`, the first `errorAfterTokens` chunks are
 * streamed and the error is raised at L + errorAfterTokens·T (`generate()` raises it at the same frame).
 *
 * @example
 * fakeModel([
 *   { error: new RateLimitError('slow down', { retryAfterMs: 5 }), latency: 1 },
 *   { text: 'Hello world', latency: 3, tokenInterval: 2 },
 * ]);
 */
export interface FakeResponse {
  /** The reply text (choice 0), streamed word by word (`'Hello big world'` → `Hello`, ` big`, ` world`). @default '' */
  readonly text?: string;
  /** The exact deltas to stream for choice 0 (replaces `text`, which becomes their concatenation). @default words of `text` */
  readonly chunks?: readonly string[];
  /** The texts of several choices (as with `n > 1`); replaces `text`/`chunks`. Streamed word by word, interleaved. @default one choice */
  readonly choices?: readonly string[];
  /** Reasoning (choice 0), streamed word by word before the text as `reasoning-delta`s. @default none */
  readonly reasoning?: string;
  /** The signature that closes the reasoning (a `reasoning-signature` event, as Anthropic sends). @default none */
  readonly reasoningSignature?: string;
  /** A refusal (choice 0), streamed word by word after the text; the finish reason becomes `content_filter`. @default none */
  readonly refusal?: string;
  /**
   * Tool calls (choice 0), after the text: each streams `tool-call-start`, its input's JSON in a few
   * `tool-call-delta`s (one token each) and `tool-call`. The finish reason becomes `tool_calls`.
   * `toolCallId` defaults to `call_<reply>_<k>`.
   * @default none
   */
  readonly toolCalls?: readonly FakeToolCall[];
  /**
   * Time before the first token (or before the error), at most `MAX_TIMER_MS`. `Infinity`: the reply never comes
   * (a stalled request).
   * @default 0
   */
  readonly latency?: number;
  /** Time between two deltas, at most `MAX_TIMER_MS`. @default 0 */
  readonly tokenInterval?: number;
  /**
   * Token usage to report; missing fields are counted: input = words in the prompt, output = deltas sent.
   * `null`: report no usage. `totalTokens` is always input + output.
   * @default counted
   */
  readonly usage?: Partial<Pick<Usage, 'inputTokens' | 'outputTokens'>> | null;
  /** @default 'stop' ('tool_calls' with `toolCalls`, 'content_filter' with `refusal`) */
  readonly finishReason?: FinishReason;
  /** The provider's raw finish reason. @default the same as `finishReason` */
  readonly rawFinishReason?: string | null;
  /** An error to raise instead of finishing (an `LlmError` such as `RateLimitError`). @default none */
  readonly error?: unknown;
  /** With `error`: how many deltas stream before the error. @default 0 */
  readonly errorAfterTokens?: number;
  /**
   * The stream as a marble diagram (replaces `text`, `chunks`, `latency`, `tokenInterval`): each letter a
   * text delta (its text from `values`, else the letter), `-` one frame, `(ab)` one frame, `|` finish,
   * `#` raise `error` (default a `ServerError`); spaces are ignored and `5ms ` advances 5 frames, as in
   * `TestScheduler.run`. Without `|` or `#` the reply stalls after its last delta.
   * @default none
   * @example { marbles: '--a-b-|', values: { a: 'Hel', b: 'lo' } }
   */
  readonly marbles?: string;
  /** Texts of the letters of `marbles`. @default each letter stands for itself */
  readonly values?: Readonly<Record<string, string>>;
  /** The request id to report. @default none */
  readonly requestId?: string;
}

/** A scripted tool call of a `FakeResponse`. */
export interface FakeToolCall {
  /** @default `call_<reply index>_<position>` */
  readonly toolCallId?: string;
  readonly toolName: string;
  /** The input (any JSON value). @default {} */
  readonly input?: unknown;
}

/** A reply: a text (streamed with no delay) or a full `FakeResponse`. */
export type FakeReply = string | FakeResponse;

/**
 * What `fakeModel` answers: one reply for every call, a list of replies consumed in order (a call beyond
 * the end errors, naming its index), or a function of the prompt and the reply index (0, 1, 2... in the
 * order calls are subscribed).
 */
export type FakeScript = FakeReply | readonly FakeReply[] | ((input: PromptInput, index: number) => FakeReply);
