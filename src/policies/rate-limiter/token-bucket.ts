// The token bucket behind `createRateLimiter`. Not public API.

/**
 * The most time a late timer may be made up for: a drain that runs late (a busy event loop, a paused
 * process) admits what it would have admitted meanwhile, up to this much (and at least one `capacity`).
 */
export const MAX_CATCH_UP_MS = 250;

/** Float slack, so that a bucket refilled for exactly the computed wait is seen as full enough. */
const EPSILON = 1e-6;

/**
 * A bucket of `capacity` units refilling continuously at `perMs` units per millisecond. Taking more than
 * is there leaves a debt (a negative level) that later takers wait out, so a request larger than the
 * capacity is still admitted (once the bucket is full) and the long-run rate still holds.
 */
export class TokenBucket {
  private level: number;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    readonly perMs: number,
    now: number,
  ) {
    this.level = capacity;
    this.updatedAt = now;
  }

  /**
   * Milliseconds (whole, rounded up) until `amount` may be taken; 0 when it may be taken now.
   * `lateMs`: how long past its due time a waiting taker is being served (a timer that fired late). The
   * bucket then keeps what it would have refilled in that time (up to `MAX_CATCH_UP_MS` of it, and at
   * least one more `capacity`), so late timers do not slow the long-run rate down.
   */
  waitFor(amount: number, now: number, lateMs = 0): number {
    this.refill(now, lateMs);
    const need = Math.min(amount, this.capacity);
    if (this.level + EPSILON >= need) return 0;
    return Math.max(1, Math.ceil((need - this.level) / this.perMs - EPSILON));
  }

  /** Takes `amount` (possibly into debt). */
  take(amount: number, now: number): void {
    this.refill(now);
    this.level -= amount;
  }

  /** Gives back `amount` (never above capacity). */
  give(amount: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.capacity, this.level + amount);
  }

  /** The current level (negative while in debt). */
  available(now: number): number {
    this.refill(now);
    return this.level;
  }

  private refill(now: number, lateMs = 0): void {
    // A clock that went back (e.g. a limiter made outside `TestScheduler.run` and used inside) restarts here.
    if (now > this.updatedAt) {
      const credit = Math.min(Math.max(this.capacity, this.perMs * MAX_CATCH_UP_MS), Math.max(0, lateMs) * this.perMs);
      this.level = Math.min(this.capacity + credit, this.level + (now - this.updatedAt) * this.perMs);
    }
    this.updatedAt = now;
  }
}
