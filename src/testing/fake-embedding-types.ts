import type { SchedulerLike } from 'rxjs';
import type { EmbeddingModel } from '../core/embedding-model.js';
import type { EmbedCallOptions } from '../core/embedding-settings.js';
import type { FakeSubscriptionLog } from './fake-model-types.js';

/**
 * One scripted answer of `fakeEmbedding`. Times are in scheduler time units (frames inside
 * `TestScheduler.run`); 0 answers synchronously at subscription.
 *
 * @example
 * fakeEmbedding([{ error: new RateLimitError('slow down', { retryAfterMs: 5 }), latency: 1 }, { latency: 3 }]);
 */
export interface FakeEmbeddingReply {
  /** Time before the result (or the error). `Infinity`: it never comes (a stalled request). @default 0 */
  readonly latency?: number;
  /** An error to raise instead of answering (an `LlmError` such as `RateLimitError`). @default none */
  readonly error?: unknown;
  /** The vectors to answer with, one per value. @default deterministic unit vectors of the texts */
  readonly embeddings?: readonly (readonly number[])[];
  /** The input tokens to report; `null`: report no usage. @default the words of the values */
  readonly inputTokens?: number | null;
  /** The request id to report. @default none */
  readonly requestId?: string;
}

/**
 * What `fakeEmbedding` answers: one reply for every call, a list consumed in order (a call beyond the end
 * errors, naming its index), or a function of the values and the call index (in subscription order).
 */
export type FakeEmbeddingScript =
  | FakeEmbeddingReply
  | readonly FakeEmbeddingReply[]
  | ((values: readonly string[], index: number) => FakeEmbeddingReply);

/** Options of `fakeEmbedding`. */
export interface FakeEmbeddingOptions {
  /** The length of the vectors, unless a call asks for `dimensions`. @default 8 */
  readonly dimensions?: number;
  /** The most values one call takes (a bigger call throws `InvalidArgumentError`, as `openAIEmbedding` does). @default no limit */
  readonly maxBatchSize?: number;
  /** The provider key it reports. @default 'fake' */
  readonly provider?: string;
  /** The model id it reports. @default 'fake-embedding' */
  readonly modelId?: string;
  /** Where time runs. @default asyncScheduler (virtual time inside `TestScheduler.run`) */
  readonly scheduler?: SchedulerLike;
}

/** One recorded call (one subscription) of a fake embedding model. Times come from its scheduler's `now()`. */
export interface FakeEmbeddingCall {
  /** 0-based, in subscription order. */
  readonly index: number;
  readonly kind: 'embed';
  /** The values sent. */
  readonly input: readonly string[];
  readonly options: EmbedCallOptions | undefined;
  readonly subscribedAt: number;
  /** When it completed, errored or was unsubscribed; `undefined` while active. */
  readonly endedAt: number | undefined;
  /** `active` while running; `cancelled` means unsubscribed before it ended. */
  readonly outcome: 'active' | 'completed' | 'errored' | 'cancelled';
  /** The error it raised, when `errored`. */
  readonly error?: unknown;
}

/**
 * A scripted `EmbeddingModel` that records its calls.
 *
 * @example
 * expect(model.calls.map((c) => c.input.length)).toEqual([100, 100, 42]);
 * expect(model.maxActive).toBeLessThanOrEqual(4);
 */
export interface FakeEmbedding extends EmbeddingModel {
  /** Every call so far, in subscription order. */
  readonly calls: readonly FakeEmbeddingCall[];
  /** How many calls so far (`calls.length`). */
  readonly callCount: number;
  /** How many calls are in flight now. */
  readonly active: number;
  /** The most calls ever in flight at once. */
  readonly maxActive: number;
  /** Every call's subscription frames, for `expectSubscriptions(model.subscriptions).toBe([...])` (a live array). */
  readonly subscriptions: FakeSubscriptionLog[];
  /** Forgets the calls and restarts the script (calls still in flight keep running). */
  reset(): void;
}
