import { Observable, type SchedulerLike, type Subscription } from 'rxjs';
import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import { checkKnownKeys, type KnownKeys } from '../../core/known-keys.js';
import { checkNumber, checkOptions, checkScheduler, clampTimerMs, schedulerOf } from '../../core/validate.js';
import { TokenBucket } from './token-bucket.js';
import { DEFAULT_BURST, DEFAULT_MAX_PENALTY_MS, LIMIT_NAMES, checkRateLimits, tokenBurstOf, tokenEstimator, type RateLimitRequest, type RateLimits } from './rate-limits.js';


/**
 * Options of `createRateLimiter`: the limits (`RateLimits`) and the scheduler.
 *
 * @example
 * createRateLimiter({ requestsPerMinute: 500, tokensPerMinute: 200_000 })
 */
export interface RateLimiterOptions extends RateLimits {
  /** The clock and timers. @default asyncScheduler (virtual time inside `TestScheduler.run`) */
  readonly scheduler?: SchedulerLike;
}

/** Every `RateLimiterOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<RateLimiterOptions> = { ...LIMIT_NAMES, scheduler: true };

/**
 * A rate limiter shared by any number of pipelines: one object, one FIFO queue, many `rateLimit`
 * operators (`redisRateLimiter`: one queue shared by many processes through Redis). Token buckets refill
 * continuously; admissions are first come, first served.
 */
export interface RateLimiter {
  /**
   * Waits for a turn: emits `tokens` once the limits allow one more request of that many tokens (they are
   * then taken), and completes. Unsubscribing before that leaves the queue; after it, changes nothing.
   */
  acquire(tokens?: number): Observable<number>;
  /** The token estimate for `request` (0 when there is no `tokensPerMinute` limit). */
  estimate(request: RateLimitRequest): number;
  /**
   * Corrects the token bucket once a call reported its usage (or failed: see `failureCost`): gives back
   * `estimated - actual` (or takes more). Requests waiting are looked at again on the scheduler.
   */
  reconcile(estimatedTokens: number, actualTokens: number): void;
  /**
   * Admits nothing for `ms` from now (at most `maxPenaltyMs`), for every pipeline sharing the limiter.
   * `rateLimit` calls it with the `retryAfterMs` of every 429 it sees.
   */
  penalize(ms: number): void;
  /** Requests waiting for a turn. */
  readonly queued: number;
  /** True when a `tokensPerMinute` limit is set. */
  readonly limitsTokens: boolean;
  /**
   * Releases what the limiter owns (`redisRateLimiter` given a URL: its Redis connection). Absent on
   * `createRateLimiter`'s limiters, which own nothing.
   */
  close?(): Promise<void>;
}

interface Waiter {
  readonly tokens: number;
  readonly grant: () => void;
}

/**
 * Creates a `RateLimiter`: requests per minute and/or per second and tokens per minute, as continuously
 * refilling token buckets, FIFO, scheduler-aware (exact in virtual time inside `TestScheduler.run`).
 * Share it between pipelines with `rateLimit(limiter, request)`; a 429 seen by any of them `penalize`s it.
 *
 * @example
 * const limiter = createRateLimiter({ requestsPerSecond: 50, tokensPerMinute: 150_000 });
 * prompts$.pipe(mergeMap((p) => model.generate(p).pipe(rateLimit(limiter, { input: p })), 32));
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const o = checkRateLimiterOptions(options);
  const scheduler = schedulerOf(o.scheduler);
  const start = scheduler.now();
  const burst = o.burst ?? DEFAULT_BURST;
  const maxPenaltyMs = o.maxPenaltyMs ?? DEFAULT_MAX_PENALTY_MS;
  const requestBuckets: TokenBucket[] = [];
  if (o.requestsPerMinute !== undefined) requestBuckets.push(new TokenBucket(burst, o.requestsPerMinute / 60_000, start));
  if (o.requestsPerSecond !== undefined) requestBuckets.push(new TokenBucket(burst, o.requestsPerSecond / 1000, start));
  const tokenBucket =
    o.tokensPerMinute === undefined
      ? undefined
      : new TokenBucket(tokenBurstOf(o, o.tokensPerMinute), o.tokensPerMinute / 60_000, start);
  const estimate = tokenEstimator(o);

  const queue: Waiter[] = [];
  let pausedUntil = -Infinity;
  let timer: Subscription | undefined;
  let processing = false;

  // When the head of the queue is due (the time the drain timer was set for). A timer that fires late
  // (a busy event loop) must not cost throughput: the buckets credit the delay (see TokenBucket.waitFor).
  let dueAt: number | undefined;
  const waitFor = (w: Waiter, now: number): number => {
    const lateMs = dueAt === undefined ? 0 : Math.max(0, now - dueAt);
    return Math.max(
      pausedUntil - now,
      tokenBucket ? tokenBucket.waitFor(w.tokens, now, lateMs) : 0,
      ...requestBuckets.map((b) => b.waitFor(1, now, lateMs)),
    );
  };

  const drain = (): void => {
    if (processing) return; // the loop below sees every change made while it runs
    processing = true;
    try {
      timer?.unsubscribe();
      timer = undefined;
      while (queue.length > 0) {
        const now = scheduler.now();
        const head = queue[0];
        const wait = waitFor(head, now);
        if (wait > 0) {
          // A wait longer than the longest timer (a huge penalty or token debt) is waited in steps.
          const delay = clampTimerMs(Math.ceil(wait));
          timer = scheduler.schedule(drain, delay);
          dueAt = now + delay;
          return;
        }
        queue.shift();
        for (const b of requestBuckets) b.take(1, now);
        tokenBucket?.take(head.tokens, now);
        head.grant();
      }
      dueAt = undefined; // nobody waits: an idle limiter earns no credit
    } finally {
      processing = false;
    }
  };

  return {
    acquire(tokens = 0) {
      checkNumber('tokens', tokens);
      return new Observable<number>((subscriber) => {
        let granted = false;
        const waiter: Waiter = {
          tokens: tokenBucket ? tokens : 0,
          grant: () => {
            granted = true;
            subscriber.next(tokens);
            subscriber.complete();
          },
        };
        queue.push(waiter);
        drain();
        return () => {
          if (granted) return;
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          if (queue.length === 0 && !processing) {
            // Nobody waits: no timer may keep the process alive (a penalty can be 30 s long).
            timer?.unsubscribe();
            timer = undefined;
            dueAt = undefined;
            return;
          }
          // The new head may be admitted sooner: drain on the scheduler, not in the middle of a teardown
          // (a pipeline cancelling its queued requests one by one must not have the next one granted meanwhile).
          if (i === 0 && queue.length > 0 && !processing) {
            timer?.unsubscribe();
            timer = scheduler.schedule(drain, 0);
          }
        };
      });
    },
    estimate,
    reconcile(estimatedTokens, actualTokens) {
      checkNumber('estimatedTokens', estimatedTokens);
      checkNumber('actualTokens', actualTokens);
      if (!tokenBucket || estimatedTokens === actualTokens) return;
      const now = scheduler.now();
      if (estimatedTokens > actualTokens) tokenBucket.give(estimatedTokens - actualTokens, now);
      else tokenBucket.take(actualTokens - estimatedTokens, now);
      // The head may be due sooner (or later): look again on the scheduler, never synchronously — a call
      // refunds as it is torn down, and its pipeline's queued requests may be leaving at the same moment.
      if (queue.length > 0 && !processing) {
        timer?.unsubscribe();
        timer = scheduler.schedule(drain, 0);
      }
    },
    penalize(ms) {
      checkNumber('ms', ms);
      pausedUntil = Math.max(pausedUntil, scheduler.now() + Math.min(ms, maxPenaltyMs));
      drain();
    },
    get queued() {
      return queue.length;
    },
    get limitsTokens() {
      return tokenBucket !== undefined;
    },
  };
}

function checkRateLimiterOptions(options: RateLimiterOptions): RateLimiterOptions {
  if (options === undefined) throw new InvalidArgumentError('options', 'is required');
  checkOptions('options', options);
  checkKnownKeys('options', options, OPTION_NAMES);
  checkScheduler('scheduler', options.scheduler);
  checkRateLimits(options);
  return options;
}
