import { progressParts } from './progress-format.js';
import type { Progress } from './progress-tty.js';
import type { RunStats } from './run-stats.js';

/**
 * Progress for logs and pipes (stderr not a terminal): one plain line every `intervalMs`, e.g.
 * `rxllm run: 1,234/2,000 (61%), 85.3/s, 45,678 tok, 3 err, ETA 9s` (`command` starts the line). No control
 * characters.
 *
 * @example
 * const progress = startPlainProgress(stats, (s) => process.stderr.write(s), 5000);
 */
export function startPlainProgress(stats: RunStats, write: (text: string) => void, intervalMs: number, command = 'rxllm run'): Progress {
  const timer = setInterval(() => {
    const p = progressParts(stats, performance.now());
    write(`${command}: ${p.done}, ${p.rate}, ${p.tokens}, ${p.errors}, ${p.eta}\n`);
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
