import { FaultPicker } from './faults.js';
import { RateLimiter } from './rate-limit-buckets.js';
import { resolveOptions, type ResolvedOptions } from './resolve-options.js';
import type { SimulatorOptions } from './simulator-options.js';
import { StatsCounters } from './stats.js';
import { ThinkingSigner } from './turn/thinking-signer.js';

/** Everything a running simulator shares between requests; `configure` swaps parts of it live. */
export class SimulatorState {
  readonly stats = new StatsCounters();
  /** Signs the thinking blocks this simulator sends, and verifies those sent back (a secret per simulator). */
  readonly signer = new ThinkingSigner();
  options: ResolvedOptions;
  faults: FaultPicker;
  limiter: RateLimiter | undefined;
  /** Requests sampled at temperature > 0 so far (since the start, or the last new `seed`). */
  private sampledRequests = 0;

  constructor(options: SimulatorOptions) {
    this.options = resolveOptions(options);
    this.faults = new FaultPicker(this.options.faults, this.options.seed);
    this.limiter = this.options.rateLimit && new RateLimiter(this.options.rateLimit);
  }

  /**
   * The variation key of the next request sampled at temperature > 0: the seed and the request's number, so
   * such replies vary from request to request, and two simulators with the same seed given the same requests
   * in the same order reply the same.
   */
  nextVariation(): string {
    return `${this.options.seed}:${++this.sampledRequests}`;
  }

  /**
   * Applies `partial` over the current options. New `faults`/`seed` restart the fault counters and RNG; a new
   * `seed` restarts the reply variations too; a new `rateLimit` refills the buckets.
   */
  configure(partial: SimulatorOptions): void {
    const next = resolveOptions(partial, this.options);
    this.options = next;
    if (partial.faults !== undefined || partial.seed !== undefined) this.faults = new FaultPicker(next.faults, next.seed);
    if (partial.seed !== undefined) this.sampledRequests = 0;
    if (Object.prototype.hasOwnProperty.call(partial, 'rateLimit')) this.limiter = next.rateLimit && new RateLimiter(next.rateLimit);
  }
}
