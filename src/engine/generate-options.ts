import type { MonoTypeOperatorFunction, Observable } from 'rxjs';
import type { LlmError } from '../errors/llm-error.js';
import type { Generation } from '../core/generation.js';
import type { CallOptions } from '../core/call-settings.js';
import type { PromptInput } from '../core/prompt.js';
import type { RateLimiter } from '../policies/rate-limiter/rate-limiter.js';
import type { RetryOptions } from '../policies/retry-generation.js';
import type { TimeoutOptions } from '../policies/timeout-generation.js';

/** The default `concurrency` of `generate`, `generateFrom` and `generateAll`: 8 requests in flight. */
export const DEFAULT_CONCURRENCY = 8;

/**
 * A concurrency limit that may change while a pipeline runs, e.g. the object `adaptiveConcurrency()`
 * returns. The engine reads `limit` before starting each request, starts more work as soon as `changes`
 * says the limit rose, and starts nothing new while the requests in flight reach it (running requests are
 * never cancelled when it falls). A limit below 1 is treated as 1, so a pipeline never stalls.
 *
 * @example
 * const limit = new BehaviorSubject(4);
 * prompts$.pipe(generate(model, { concurrency: { get limit() { return limit.value; }, changes: limit } }));
 */
export interface ConcurrencyLimit {
  /** The current limit. */
  readonly limit: number;
  /** Emits whenever `limit` changes (the value emitted is not used: `limit` is read again). */
  readonly changes: Observable<unknown>;
  /**
   * When present (as on `adaptiveConcurrency()`), wraps every attempt so the limit can learn from
   * outcomes (cut on 429s, grow on success).
   */
  observe?<T>(): MonoTypeOperatorFunction<T>;
}

/** What to do when a prompt fails: `'throw'` errors the whole output; `'emit'` emits a `GenerationFailure`. */
export type ErrorMode = 'throw' | 'emit';

/**
 * Emitted instead of a generation, with `errors: 'emit'`, for a prompt that failed (after any retries):
 * every input yields exactly one output, so nothing is lost.
 *
 * @example
 * prompts$.pipe(generate(model, { errors: 'emit' })).subscribe((r) => {
 *   if (isGenerationFailure(r)) console.error(`prompt #${r.index} failed:`, r.error.name);
 * });
 */
export interface GenerationFailure<M = unknown> {
  readonly ok: false;
  /** The prompt's 0-based position in the input. */
  readonly index: number;
  /** The prompt as it was given (an item's `input`; for an invalid prompt, the invalid value). */
  readonly input: PromptInput;
  /** The typed error. Errors that are not `LlmError`s are wrapped in one (the original is its `cause`). */
  readonly error: LlmError;
  /** The `meta` of the `PromptItem` it came from (absent for a bare prompt). */
  readonly meta?: M;
  /** Requests sent for the prompt: 1 + retries (0 when it was invalid, or failed before its first request). */
  readonly attempts: number;
}

/** Emitted with `withIndex: true`: a generation together with the prompt it answers and its position. */
export interface IndexedGeneration<M = unknown> {
  readonly ok: true;
  /** The prompt's 0-based position in the input. */
  readonly index: number;
  /** The prompt (an item's `input`). */
  readonly input: PromptInput;
  readonly generation: Generation;
  /** The `meta` of the `PromptItem` it came from (absent for a bare prompt). */
  readonly meta?: M;
  /** Requests sent for the prompt: 1 + retries. */
  readonly attempts: number;
}

/** What `generate` emits with `withIndex: true` and `errors: 'emit'`: narrow on `ok`. */
export type GenerationOutcome<M = unknown> = IndexedGeneration<M> | GenerationFailure<M>;

/**
 * A prompt together with its own call options and whatever the caller wants back with its outcome, for
 * `generate` and `generateFrom` (which take bare prompts and items alike). `callOptions` override the
 * pipeline's `callOptions` (settings, `signal`; tags are added); `meta` comes back on the prompt's
 * `IndexedGeneration` or `GenerationFailure`.
 *
 * @example
 * from(rows).pipe(
 *   map((row) => ({ input: row.question, callOptions: { maxTokens: row.budget }, meta: row.id })),
 *   generate(model, { withIndex: true, errors: 'emit' }),
 * ).subscribe((o) => save(o.meta, o.ok ? o.generation.text : o.error.message));
 */
export interface PromptItem<M = unknown> {
  readonly input: PromptInput;
  /** This prompt's call options, over the pipeline's `callOptions`. @default none */
  readonly callOptions?: CallOptions;
  /** Returned with the outcome. @default none */
  readonly meta?: M;
}

/** What `generate` and `generateFrom` take: a bare prompt, or a `PromptItem` carrying its own options and `meta`. */
export type PromptOrItem<M = unknown> = PromptInput | PromptItem<M>;

/** Anything `generate`/`generateFrom` may emit, depending on `errors` and `withIndex`. */
export type GenerateOutput<M = unknown> = Generation | IndexedGeneration<M> | GenerationFailure<M>;

/**
 * Options of `generate`, `generateFrom` and (most of them) `generateAll`.
 *
 * Each prompt runs one request through the per-request policies that are set, in this order:
 * `retry( rateLimit( adaptive observe( timeout( model.generate(prompt) ) ) ) )` — every attempt first
 * waits for the rate limiter, then sends its request, bounded by the timeout, and its outcome feeds an
 * adaptive `concurrency`; a failed attempt is retried from the rate limiter on.
 *
 * @example
 * generate(model, { concurrency: 16, ordered: true, errors: 'emit', callOptions: { temperature: 0 } })
 */
export interface GenerateOptions {
  /**
   * The most requests in flight at once: a positive integer, `Infinity`, or a `ConcurrencyLimit` object
   * (such as `adaptiveConcurrency()`) whose limit may change while the pipeline runs. A prompt waiting
   * for the rate limiter or between retries keeps its slot (until its `signal` aborts: that ends it at once).
   * @default 8
   */
  readonly concurrency?: number | ConcurrencyLimit;
  /**
   * Emit results in input order (requests still run concurrently; a finished result waits for the ones
   * before it). `false` emits each result as soon as it is ready. With `errors: 'throw'` a failure errors
   * the output at once, dropping finished results still waiting for an earlier one.
   * @default false
   */
  readonly ordered?: boolean;
  /**
   * With `ordered: true`, how many finished results may wait for an earlier, slower one. At most
   * `concurrency + reorderBuffer` prompts are ever taken and not yet emitted; when that many are, no new
   * request starts until the earliest finishes. A non-negative integer or `Infinity`.
   * @default the current concurrency limit
   */
  readonly reorderBuffer?: number;
  /**
   * `'throw'`: the first failed prompt errors the output (and cancels the rest). `'emit'`: a failed
   * prompt (or an invalid one) becomes a `GenerationFailure` record and the others go on.
   * @default 'throw'
   */
  readonly errors?: ErrorMode;
  /**
   * Emit `IndexedGeneration` records (`{ ok: true, index, input, generation }`) instead of bare
   * generations, to match results to prompts when they arrive out of order.
   * @default false
   */
  readonly withIndex?: boolean;
  /**
   * Settings sent with every call (temperature, maxTokens, tags, signal...). A `signal` (here or in a
   * `PromptItem`'s own `callOptions`) ends its prompt at once with `AbortError` wherever it is — in a
   * request, a retry backoff or `retry-after` wait, or the rate limiter's queue — which frees its slot;
   * nothing more is sent for it.
   * @default none
   */
  readonly callOptions?: CallOptions;
  /**
   * Retry each failed request (`retryGeneration`): a number of attempts or `RetryOptions`. Each retry waits
   * for the rate limiter again and keeps its slot (a prompt being retried still counts as in flight).
   * @default no retry
   */
  readonly retry?: number | RetryOptions;
  /** Time limits of each attempt (`timeoutGeneration`): total ms or `TimeoutOptions`. @default no timeout */
  readonly timeout?: number | TimeoutOptions;
  /**
   * A shared `RateLimiter` (`createRateLimiter`) every attempt must pass before its request is sent
   * (`rateLimit`, with the prompt and `callOptions.maxTokens` for the token estimate).
   * @default no rate limit
   */
  readonly rateLimit?: RateLimiter;
}
