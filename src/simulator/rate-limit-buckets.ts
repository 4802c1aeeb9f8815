import type { ResolvedRateLimit } from './resolve-options.js';

/** A token bucket refilling continuously: `capacity` units per `windowMs`. */
export class TokenBucket {
  private level: number;
  private last: number;

  constructor(readonly capacity: number, readonly windowMs: number, now: number) {
    this.level = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    this.level = Math.min(this.capacity, this.level + ((now - this.last) * this.capacity) / this.windowMs);
    this.last = now;
  }

  /** Whole units available now. */
  remaining(now: number): number {
    this.refill(now);
    return Math.floor(this.level + 1e-9);
  }

  /** Milliseconds until `amount` units are available (amount is capped at the capacity). */
  waitFor(amount: number, now: number): number {
    this.refill(now);
    const missing = Math.min(amount, this.capacity) - this.level;
    return missing <= 1e-9 ? 0 : Math.ceil((missing * this.windowMs) / this.capacity);
  }

  /** Milliseconds until the bucket is full again. */
  untilFull(now: number): number {
    this.refill(now);
    return Math.ceil(((this.capacity - this.level) * this.windowMs) / this.capacity);
  }

  take(amount: number, now: number): void {
    this.refill(now);
    this.level -= amount;
  }
}

/** What a bucket reports in the rate-limit headers. */
export interface BucketReport {
  readonly limit: number;
  readonly remaining: number;
  /** Milliseconds until the bucket is full again. */
  readonly resetMs: number;
}

/** The outcome of admitting one request. */
export interface Admission {
  readonly admitted: boolean;
  /** When refused: which limit, and how long to wait. */
  readonly limitedBy?: 'requests' | 'tokens';
  readonly retryAfterMs?: number;
  readonly requests?: BucketReport;
  readonly tokens?: BucketReport;
}

/** The rate-limit mode: requests-per-minute, requests-per-second and tokens-per-minute buckets. */
export class RateLimiter {
  private readonly requestBuckets: TokenBucket[] = [];
  private readonly tokenBucket: TokenBucket | undefined;

  constructor(limits: ResolvedRateLimit, private readonly clock: () => number = Date.now) {
    const now = clock();
    if (limits.requestsPerMinute !== undefined) this.requestBuckets.push(new TokenBucket(limits.requestsPerMinute, 60_000, now));
    if (limits.requestsPerSecond !== undefined) this.requestBuckets.push(new TokenBucket(limits.requestsPerSecond, 1_000, now));
    if (limits.tokensPerMinute !== undefined) this.tokenBucket = new TokenBucket(limits.tokensPerMinute, 60_000, now);
  }

  /** Admits a request estimated at `tokens` tokens, taking from every bucket, or refuses it untouched. */
  admit(tokens: number): Admission {
    const now = this.clock();
    const requestWait = Math.max(0, ...this.requestBuckets.map((b) => b.waitFor(1, now)));
    const tokenWait = this.tokenBucket?.waitFor(tokens, now) ?? 0;
    const tooBig = this.tokenBucket !== undefined && tokens > this.tokenBucket.capacity;
    if (requestWait > 0 || tokenWait > 0 || tooBig) {
      const limitedBy = requestWait > 0 ? 'requests' : 'tokens';
      const retryAfterMs = Math.max(requestWait, tooBig ? this.tokenBucket!.untilFull(now) : tokenWait, 1);
      return { admitted: false, limitedBy, retryAfterMs, ...this.report(now) };
    }
    for (const b of this.requestBuckets) b.take(1, now);
    this.tokenBucket?.take(tokens, now);
    return { admitted: true, ...this.report(now) };
  }

  private report(now: number): Pick<Admission, 'requests' | 'tokens'> {
    const describe = (b: TokenBucket): BucketReport => ({ limit: b.capacity, remaining: b.remaining(now), resetMs: b.untilFull(now) });
    // With several request buckets, report the tightest one (fewest remaining; on a tie the slower to refill).
    const tightest = this.requestBuckets
      .map(describe)
      .sort((a, b) => a.remaining - b.remaining || b.resetMs - a.resetMs)[0];
    return {
      ...(tightest ? { requests: tightest } : {}),
      ...(this.tokenBucket ? { tokens: describe(this.tokenBucket) } : {}),
    };
  }
}
