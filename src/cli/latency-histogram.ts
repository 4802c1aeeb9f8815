/**
 * Latency percentiles in constant memory: log-spaced buckets 5% wide, so a percentile is exact to within
 * 5% whatever the number of samples.
 *
 * @example
 * const h = new LatencyHistogram();
 * h.add(120); h.add(480);
 * h.percentile(0.5); // ~120
 */
export class LatencyHistogram {
  private readonly counts = new Map<number, number>();
  private total = 0;
  private static readonly LOG_STEP = Math.log(1.05);

  /** Records one latency in ms (negative values count as 0). */
  add(ms: number): void {
    const bucket = ms <= 1 ? 0 : Math.ceil(Math.log(ms) / LatencyHistogram.LOG_STEP);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.total++;
  }

  /** How many latencies were recorded. */
  get count(): number {
    return this.total;
  }

  /** The `q`-quantile (0..1) in ms (the upper edge of its bucket), or `undefined` with no samples. */
  percentile(q: number): number | undefined {
    if (this.total === 0) return undefined;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket)!;
      if (seen >= rank) return bucket === 0 ? 1 : Math.round(Math.pow(1.05, bucket));
    }
    return undefined;
  }
}
