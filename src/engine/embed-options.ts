import type { Observable } from 'rxjs';
import type { EmbedCallOptions } from '../core/embedding-settings.js';
import type { LlmError } from '../errors/llm-error.js';
import type { RateLimiter } from '../policies/rate-limiter/rate-limiter.js';
import type { RetryOptions } from '../policies/retry-generation.js';
import type { TimeoutOptions } from '../policies/timeout-generation.js';
import type { ConcurrencyLimit, ErrorMode } from './generate-options.js';

/** The default `batchSize` of `embedFrom`: values per request. */
export const DEFAULT_EMBED_BATCH_SIZE = 100;
/**
 * The default `maxBatchTokens` of `embedFrom`. OpenAI allows 300,000 tokens per embeddings request, counted
 * with the model's own tokenizer; rxllm counts with `o200k_base`, which can count some texts (non-English,
 * code) a good deal lower than the embedding models' `cl100k_base`: the default leaves that margin.
 */
export const DEFAULT_MAX_BATCH_TOKENS = 200_000;
/** The default `maxBatchWaitMs` of `embedFrom`. */
export const DEFAULT_MAX_BATCH_WAIT_MS = 100;

/**
 * A value together with whatever the caller wants back with its embedding (a document id...), for
 * `embedFrom`, which takes bare strings and items alike.
 *
 * @example
 * embedFrom(model, docs.map((d) => ({ value: d.text, meta: d.id }))).subscribe((r) => save(r.meta, r.embedding));
 */
export interface EmbedItem<M = unknown> {
  /** The text to embed (a non-empty string). */
  readonly value: string;
  /** Returned with the value's outcome. @default none */
  readonly meta?: M;
}

/** What `embedFrom` reads: bare strings or `EmbedItem`s, from an array, an (async) iterable or an Observable. */
export type EmbedSource<M = unknown> =
  | Iterable<string | EmbedItem<M>>
  | AsyncIterable<string | EmbedItem<M>>
  | Observable<string | EmbedItem<M>>;

/** What `embedFrom` emits for a value that was embedded. */
export interface EmbeddedValue<M = unknown> {
  readonly ok: true;
  /** The value's 0-based position in the source. */
  readonly index: number;
  /** The text (an item's `value`). */
  readonly value: string;
  /** Its vector. */
  readonly embedding: number[];
  /** The `meta` of the `EmbedItem` it came from (absent for a bare string). */
  readonly meta?: M;
  /** Requests sent for the value's batch: 1 + retries. */
  readonly attempts: number;
}

/**
 * Emitted with `errors: 'emit'` for a value that failed: every value of a batch whose request failed (after
 * any retries) gets one, with the batch's error; an invalid value (not a non-empty string) gets its own
 * `InvalidArgumentError` and is never sent. Every value yields exactly one output.
 */
export interface EmbeddingFailure<M = unknown> {
  readonly ok: false;
  /** The value's 0-based position in the source. */
  readonly index: number;
  /** The value as it was given (an item's `value`; for an invalid one, whatever was there). */
  readonly value: string;
  /** The typed error. */
  readonly error: LlmError;
  /** The `meta` of the `EmbedItem` it came from (absent for a bare string). */
  readonly meta?: M;
  /** Requests sent for the value's batch: 1 + retries (0 for an invalid value, or a batch that failed before sending). */
  readonly attempts: number;
}

/** What `embedFrom` emits: narrow on `ok` (always `true` with `errors: 'throw'`). */
export type EmbedOutcome<M = unknown> = EmbeddedValue<M> | EmbeddingFailure<M>;

/**
 * Options of `embedFrom`. Values are grouped into batches — one request each — by `batchSize` and
 * `maxBatchTokens`; batches run `concurrency` at a time, each through the same per-request policies as
 * `generateFrom`: `retry( rateLimit( adaptive observe( timeout( model.embed(batch) ) ) ) )`.
 *
 * @example
 * embedFrom(model, lines, { batchSize: 256, concurrency: 4, rateLimit: limiter, retry: 5, errors: 'emit' })
 */
export interface EmbedOptions {
  /**
   * The most values in one request (at most the model's `maxBatchSize`: 2,048 for OpenAI).
   * @default 100 (or the model's `maxBatchSize` when smaller)
   */
  readonly batchSize?: number;
  /**
   * The most input tokens in one request (OpenAI allows 300,000), counted with rxllm's tokenizer: a value
   * that would take a batch over it starts the next one. A single value over the budget goes alone (the
   * provider then decides; OpenAI takes up to 8,192 tokens per value).
   * @default 200000
   */
  readonly maxBatchTokens?: number;
  /**
   * How long a batch waits to fill from a slow source (an Observable, an async iterable), from its first
   * value: then it is sent as it is (as soon as a request slot is free). `Infinity`: wait until it is full or
   * the source ends. A fast source fills batches long before.
   * @default 100
   */
  readonly maxBatchWaitMs?: number;
  /**
   * The most requests (batches) in flight at once: a positive integer, `Infinity`, or a `ConcurrencyLimit`
   * such as `adaptiveConcurrency()`. A batch waiting for the rate limiter or between retries keeps its slot.
   * @default 8
   */
  readonly concurrency?: number | ConcurrencyLimit;
  /** Emit values in source order (batches still run concurrently). @default false */
  readonly ordered?: boolean;
  /**
   * With `ordered: true`, how many finished batches may wait for an earlier, slower one.
   * @default the current concurrency limit
   */
  readonly reorderBuffer?: number;
  /**
   * `'throw'`: the first failed batch (or invalid value) errors the output and cancels the rest. `'emit'`:
   * each value of a failed batch becomes an `EmbeddingFailure` and the others go on.
   * @default 'throw'
   */
  readonly errors?: ErrorMode;
  /** Options sent with every request (`dimensions`, `headers`, `signal`, `tags`...). @default none */
  readonly callOptions?: EmbedCallOptions;
  /** Retry each failed request (a batch is retried whole): a number of attempts or `RetryOptions`. @default no retry */
  readonly retry?: number | RetryOptions;
  /** Time limits of each attempt: total ms or `TimeoutOptions`. @default no timeout */
  readonly timeout?: number | TimeoutOptions;
  /**
   * A shared `RateLimiter` every attempt passes before its request is sent. With a `tokensPerMinute` limit
   * each batch reserves its counted input tokens (no completion), corrected by the usage it reports.
   * @default no rate limit
   */
  readonly rateLimit?: RateLimiter;
}
