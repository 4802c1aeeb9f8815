import type { RunStats } from './run-stats.js';

/** `1234567` → `1,234,567`. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Seconds as `42s`, `3m05s` or `1h02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The parts every progress line shows: done/total, rate, tokens, errors, ETA. */
export function progressParts(stats: RunStats, now: number): { done: string; rate: string; tokens: string; errors: string; eta: string } {
  const done = stats.skipped + stats.done;
  const total = stats.total;
  const pct = total ? ` (${Math.floor((100 * done) / total)}%)` : '';
  const eta = stats.etaSeconds(now);
  return {
    done: total !== undefined ? `${formatCount(done)}/${formatCount(total)}${pct}` : `${formatCount(done)} done`,
    rate: `${stats.rate(now).toFixed(1)}/s`,
    tokens: `${formatCount(stats.inputTokens + stats.outputTokens)} tok`,
    errors: `${formatCount(stats.failed)} err`,
    eta: eta === undefined ? 'ETA --' : `ETA ${formatDuration(eta)}`,
  };
}
