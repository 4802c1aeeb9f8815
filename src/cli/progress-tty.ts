import { progressParts } from './progress-format.js';
import type { RunStats } from './run-stats.js';

/** A running progress display. */
export interface Progress {
  /** Stops it (and clears a live bar). */
  stop(): void;
}

const CLEAR_LINE = '\r\x1b[2K';

/**
 * A live progress bar on a terminal, redrawn in place every `intervalMs`:
 * `[#####-----] 1,234/2,000 (61%) | 85.3/s | 45,678 tok | 3 err | ETA 9s`. Without a total (stdin),
 * no bar: `1,234 done | ...`; `prefix` (`shard 2/4`) starts the line. The line is fitted to `columns()`.
 *
 * @example
 * const bar = startTtyProgress(stats, (s) => process.stderr.write(s), () => process.stderr.columns ?? 80);
 * // ... later
 * bar.stop();
 */
export function startTtyProgress(stats: RunStats, write: (text: string) => void, columns: () => number, intervalMs = 200, prefix?: string): Progress {
  const draw = (): void => {
    const p = progressParts(stats, performance.now());
    const tail = `${p.done} | ${p.rate} | ${p.tokens} | ${p.errors} | ${p.eta}`;
    const start = prefix !== undefined ? `${prefix} ` : '';
    const width = Math.max(20, columns() - 1);
    let line = `${start}${tail}`;
    const room = width - start.length - tail.length - 3;
    if (stats.total !== undefined && stats.total > 0 && room >= 10) {
      const size = Math.min(30, room);
      const filled = Math.min(size, Math.floor((size * (stats.skipped + stats.done)) / stats.total));
      line = `${start}[${'#'.repeat(filled)}${'-'.repeat(size - filled)}] ${tail}`;
    }
    write(`${CLEAR_LINE}${line.slice(0, width)}`);
  };
  draw();
  const timer = setInterval(draw, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      draw();
      write('\n');
    },
  };
}
