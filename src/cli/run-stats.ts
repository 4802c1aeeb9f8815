import type { Usage } from '../core/generation.js';
import { LatencyHistogram } from './latency-histogram.js';

/**
 * The counters of a run, read by the progress display and the summary. Constant memory: counts, token
 * sums, a latency histogram and a count per error name.
 *
 * @example
 * const stats = new RunStats(performance.now());
 * stats.succeed({ inputTokens: 5, outputTokens: 7, totalTokens: 12 }, 120, 1);
 */
export class RunStats {
  succeeded = 0;
  failed = 0;
  /** Lines skipped because a previous run already wrote them. */
  skipped = 0;
  /** Lines not run because an earlier line has their id (the first line with an id is its request). */
  duplicates = 0;
  /** The first few of them, for the summary. */
  readonly duplicateExamples: { readonly lineNo: number; readonly id: string | number; readonly firstLineNo: number }[] = [];
  /** Lines in the input (non-blank), when known. */
  total: number | undefined = undefined;
  inputTokens = 0;
  outputTokens = 0;
  /** Requests sent (retries included), and lines that sent at least one. */
  attempts = 0;
  sent = 0;
  readonly latency = new LatencyHistogram();
  readonly errors = new Map<string, number>();

  constructor(readonly startedAt: number) {}

  /** Results written by this run. */
  get done(): number {
    return this.succeeded + this.failed;
  }

  /** Counts a line that succeeded after `attempts` requests. */
  succeed(usage: Usage | undefined, latencyMs: number, attempts: number): void {
    this.succeeded++;
    this.count(attempts);
    this.latency.add(latencyMs);
    this.addUsage(usage);
  }

  /** Counts a line not run because line `firstLineNo` has the same id. */
  duplicate(lineNo: number, id: string | number, firstLineNo: number): void {
    this.duplicates++;
    if (this.duplicateExamples.length < 3) this.duplicateExamples.push({ lineNo, id, firstLineNo });
  }

  /**
   * Counts a line that failed (`attempts` 0 and no latency for a line that was not a valid request); `usage`:
   * the tokens it cost all the same (an answer that was not the object asked for).
   */
  fail(errorName: string, latencyMs: number | undefined, attempts: number, usage?: Usage): void {
    this.failed++;
    this.count(attempts);
    if (latencyMs !== undefined) this.latency.add(latencyMs);
    this.errors.set(errorName, (this.errors.get(errorName) ?? 0) + 1);
    this.addUsage(usage);
  }

  private addUsage(usage: Usage | undefined): void {
    if (usage) {
      this.inputTokens += usage.inputTokens;
      this.outputTokens += usage.outputTokens;
    }
  }

  private count(attempts: number): void {
    this.attempts += attempts;
    if (attempts > 0) this.sent++;
  }

  /** Results per second since the start. */
  rate(now: number): number {
    const seconds = (now - this.startedAt) / 1000;
    return seconds > 0 ? this.done / seconds : 0;
  }

  /** Seconds left at the current rate, when the total is known. */
  etaSeconds(now: number): number | undefined {
    const rate = this.rate(now);
    if (this.total === undefined || rate <= 0) return undefined;
    return Math.max(0, this.total - this.skipped - this.duplicates - this.done) / rate;
  }
}
