import { FaultPicker } from './faults.js';
import { RateLimiter } from './rate-limit-buckets.js';
import { resolveOptions } from './resolve-options.js';
import type { ResolvedOptions } from './resolve-options.js';
import type { SimulatorOptions } from './simulator-options.js';
import { StatsCounters } from './stats.js';

/** Everything a running simulator shares between requests; `configure` swaps parts of it live. */
export class SimulatorState {
  readonly stats = new StatsCounters();
  options: ResolvedOptions;
  faults: FaultPicker;
  limiter: RateLimiter | undefined;

  constructor(options: SimulatorOptions) {
    this.options = resolveOptions(options);
    this.faults = new FaultPicker(this.options.faults, this.options.seed);
    this.limiter = this.options.rateLimit && new RateLimiter(this.options.rateLimit);
  }

  /** Applies `partial` over the current options. New `faults`/`seed` restart the fault counters and RNG; a new `rateLimit` refills the buckets. */
  configure(partial: SimulatorOptions): void {
    const next = resolveOptions(partial, this.options);
    this.options = next;
    if (partial.faults !== undefined || partial.seed !== undefined) this.faults = new FaultPicker(next.faults, next.seed);
    if (Object.prototype.hasOwnProperty.call(partial, 'rateLimit')) this.limiter = next.rateLimit && new RateLimiter(next.rateLimit);
  }
}
