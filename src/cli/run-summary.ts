import { estimateCost, type ModelPrice } from './price-table.js';
import { formatCount, formatDuration } from './progress-format.js';
import type { RunStats } from './run-stats.js';

/** What the summary says besides the counters. */
export interface SummaryContext {
  readonly now: number;
  readonly modelId: string;
  /** The price used for the cost estimate; absent: the cost is unknown. */
  readonly price?: ModelPrice;
  /** Peak resident set size of the process, in bytes. */
  readonly peakRssBytes: number;
  /** What starts the first line. @default 'rxllm run' */
  readonly command?: string;
  /** How the command's `--price` is written, for the hint when the cost is unknown. @default 'IN,OUT' */
  readonly priceFlag?: string;
}

/**
 * The end-of-run summary (a few lines for stderr): counts, time and rate, tokens and estimated cost,
 * p50/p95 latency, attempts and retries, failures by error name, duplicate ids, peak memory.
 *
 * @example
 * io.stderr(formatSummary(stats, { now: performance.now(), modelId: 'gpt-4o-mini', price, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
 */
export function formatSummary(stats: RunStats, context: SummaryContext): string {
  const seconds = (context.now - stats.startedAt) / 1000;
  const lines = [
    `${context.command ?? 'rxllm run'}: ${formatCount(stats.done)} written in ${formatDuration(seconds)} (${stats.rate(context.now).toFixed(1)}/s): `
      + `${formatCount(stats.succeeded)} succeeded, ${formatCount(stats.failed)} failed, ${formatCount(stats.skipped)} skipped (already done)`,
  ];
  const tokens = stats.inputTokens + stats.outputTokens;
  const cost = context.price
    ? `estimated cost $${estimateCost(stats, context.price).toFixed(4)}`
    : `cost unknown for ${context.modelId} (set --price ${context.priceFlag ?? 'IN,OUT'})`;
  lines.push(`  tokens: ${formatCount(stats.inputTokens)} in + ${formatCount(stats.outputTokens)} out = ${formatCount(tokens)}; ${cost}`);
  const p50 = stats.latency.percentile(0.5);
  const p95 = stats.latency.percentile(0.95);
  const retries = stats.attempts - stats.sent;
  lines.push(
    `  latency: ${p50 === undefined ? 'n/a' : `p50 ${formatCount(p50)} ms, p95 ${formatCount(p95!)} ms`}; `
      + `requests: ${formatCount(stats.attempts)} (${formatCount(Math.max(0, retries))} retries)`,
  );
  if (stats.errors.size > 0) {
    const byName = [...stats.errors].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${formatCount(n)}`);
    lines.push(`  failures: ${byName.join(', ')}`);
  }
  if (stats.duplicates > 0) {
    const shown = stats.duplicateExamples.map((d) => `line ${formatCount(d.lineNo)} repeats ${JSON.stringify(d.id)} of line ${formatCount(d.firstLineNo)}`);
    const more = stats.duplicates > shown.length ? `, and ${formatCount(stats.duplicates - shown.length)} more` : '';
    lines.push(`  duplicate ids: ${formatCount(stats.duplicates)} line${stats.duplicates === 1 ? '' : 's'} not run (ids must be unique): ${shown.join(', ')}${more}`);
  }
  lines.push(`  peak RSS: ${Math.round(context.peakRssBytes / (1024 * 1024))} MB`);
  return `${lines.join('\n')}\n`;
}
