import { openInputLines } from './read-input-lines.js';
import type { InputFormat } from './parse-request-line.js';
import { readRequests } from './request-lines.js';

/**
 * The ids whose input line changed since their result was written: one pass over the input file
 * (`--rerun-changed`, before the run), comparing each line's `requestHash` with the one recorded for its
 * id in `recorded` (records without one are not compared). The first line with an id is its request.
 *
 * @example
 * const changed = await changedIds('in.jsonl', undefined, state.skip); // Set { '"a7"' }
 */
export async function changedIds(inputPath: string, format: InputFormat | undefined, recorded: ReadonlyMap<string, string | undefined>): Promise<Set<string>> {
  const seen = new Set<string>();
  const changed = new Set<string>();
  const lines = await openInputLines(inputPath);
  try {
    for await (const { key, hash } of readRequests(lines, inputPath, format)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const was = recorded.get(key);
      if (was !== undefined && was !== hash) changed.add(key);
    }
  } finally {
    lines.close();
  }
  return changed;
}
