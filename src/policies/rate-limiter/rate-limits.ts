// The limits every rate limiter takes (`createRateLimiter`, `redisRateLimiter`), checked in one place, and
// the one rule for a request's token estimate under them.
import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import type { KnownKeys } from '../../core/known-keys.js';
import type { PromptInput } from '../../core/prompt.js';
import { estimateTokens, loadTokenizer } from '../estimate-tokens.js';
import { checkDuration, checkFunction, checkNumber } from '../../core/validate.js';

/** What a request will ask for, to estimate its tokens before it is sent, and the caller's signal. */
export interface RateLimitRequest {
  readonly input: PromptInput;
  /** The call's `maxTokens`, if set. @default undefined (use the limiter's `defaultCompletionTokens`) */
  readonly maxTokens?: number;
  /**
   * The call's signal (`rateLimit` only; the limiter ignores it). Aborting it while the request waits for
   * its turn ends the wait at once with `AbortError` and gives the place up; after admission it aborts the
   * call (which is unsubscribed). Pass the same signal as the call's `signal`.
   * @default none
   */
  readonly signal?: AbortSignal;
}

/**
 * The limits of a rate limiter (`createRateLimiter`; with `redisRateLimiter` they hold across every process
 * sharing the key). Set at least one of `requestsPerMinute`, `requestsPerSecond`, `tokensPerMinute`; every
 * limit set holds at once.
 *
 * @example
 * const limits: RateLimits = { requestsPerMinute: 500, tokensPerMinute: 200_000 };
 * createRateLimiter(limits);
 */
export interface RateLimits {
  /** Requests admitted per minute. @default no limit */
  readonly requestsPerMinute?: number;
  /** Requests admitted per second. @default no limit */
  readonly requestsPerSecond?: number;
  /**
   * Tokens (prompt + completion) admitted per minute. Each request reserves an estimate before it starts
   * (see `estimateTokens`); `reconcile` corrects it with the usage the provider reports.
   * @default no limit
   */
  readonly tokensPerMinute?: number;
  /**
   * Requests that may start back to back after an idle period (the request buckets' capacity). With 1,
   * requests are evenly spaced (e.g. 50/s: one every 20 ms, whichever process sends them), which is what
   * providers enforcing limits over short periods expect; raise it to let a quiet client start a few at
   * once. (When a timer fires late, the requests it held back go at once, up to 250 ms' worth, so the
   * long-run rate holds.)
   * @default 1
   */
  readonly burst?: number;
  /** Tokens that may be spent at once after an idle period (the token bucket's capacity). @default tokensPerMinute / 60 */
  readonly tokenBurst?: number;
  /**
   * The longest pause `penalize` applies (a 429 asking to wait longer pauses only this long: retries and
   * `adaptiveConcurrency` deal with the rest). 0 turns penalties off; at most `MAX_TIMER_MS`, or `Infinity`
   * (no cap: a pause longer than `MAX_TIMER_MS` is waited out in steps of that length).
   * @default 30000
   */
  readonly maxPenaltyMs?: number;
  /** The completion estimate for requests that do not set `maxTokens`. @default 256 */
  readonly defaultCompletionTokens?: number;
  /** Replaces the built-in estimate (`estimateTokens`). @default estimateTokens */
  readonly estimateTokens?: (request: RateLimitRequest) => number;
}

/** Every `RateLimits` name, for the option-name lists of the limiters. Not public API. */
export const LIMIT_NAMES: KnownKeys<RateLimits> = {
  requestsPerMinute: true, requestsPerSecond: true, tokensPerMinute: true, burst: true, tokenBurst: true,
  maxPenaltyMs: true, defaultCompletionTokens: true, estimateTokens: true,
};

/** Every `RateLimitRequest` name (`rateLimit` rejects any other). Not public API. */
export const REQUEST_NAMES: KnownKeys<RateLimitRequest> = { input: true, maxTokens: true, signal: true };

/**
 * Checks the limits: positive limits (at least one of them), `burst` >= 1, the estimate options. Throws
 * `InvalidArgumentError`. Not public API.
 */
export function checkRateLimits(options: RateLimits): void {
  const positive = { min: Number.MIN_VALUE };
  checkNumber('requestsPerMinute', options.requestsPerMinute, positive);
  checkNumber('requestsPerSecond', options.requestsPerSecond, positive);
  checkNumber('tokensPerMinute', options.tokensPerMinute, positive);
  checkNumber('burst', options.burst, { min: 1 });
  checkNumber('tokenBurst', options.tokenBurst, positive);
  checkNumber('defaultCompletionTokens', options.defaultCompletionTokens);
  checkDuration('maxPenaltyMs', options.maxPenaltyMs, { allowInfinity: true });
  checkFunction('estimateTokens', options.estimateTokens);
  if (options.requestsPerMinute === undefined && options.requestsPerSecond === undefined && options.tokensPerMinute === undefined) {
    throw new InvalidArgumentError('options', 'must set requestsPerMinute, requestsPerSecond or tokensPerMinute');
  }
}

/** The default `burst` of every limiter. Not public API. */
export const DEFAULT_BURST = 1;
/** The default `maxPenaltyMs` of every limiter. Not public API. */
export const DEFAULT_MAX_PENALTY_MS = 30_000;

/** The token limit's bucket size: `tokenBurst`, else a second's worth of `tokensPerMinute`. Not public API. */
export function tokenBurstOf(limits: RateLimits, tokensPerMinute: number): number {
  return limits.tokenBurst ?? tokensPerMinute / 60;
}

/**
 * A limiter's `estimate`: 0 without a `tokensPerMinute` limit, else the limits' `estimateTokens` or the
 * built-in estimate (whose tokenizer starts loading now: exact estimates from the first calls on). Not public API.
 */
export function tokenEstimator(limits: RateLimits): (request: RateLimitRequest) => number {
  if (limits.tokensPerMinute === undefined) return () => 0;
  if (!limits.estimateTokens) void loadTokenizer();
  return (request) =>
    limits.estimateTokens
      ? limits.estimateTokens(request)
      : estimateTokens(request.input, { maxTokens: request.maxTokens, defaultCompletionTokens: limits.defaultCompletionTokens });
}
