import { openInputLines } from './read-input-lines.js';
import type { InputFormat } from './parse-request-line.js';
import { readJobLines, type JobRequest, type LineReader } from './request-lines.js';

/**
 * The ids whose input line changed since their result was written: one pass over the input file
 * (`--rerun-changed`, before the run), comparing each line's `requestHash` with the one recorded for its
 * id in `recorded` (records without one are not compared). The first line with an id is its request. `reader`
 * reads the lines as the command does (`RUN_LINES` for `rxllm run`).
 *
 * @example
 * const changed = await changedIds('in.jsonl', undefined, state.skip, RUN_LINES); // Set { '"a7"' }
 */
export async function changedIds<R extends JobRequest>(
  inputPath: string,
  format: InputFormat | undefined,
  recorded: ReadonlyMap<string, string | undefined>,
  reader: LineReader<R>,
): Promise<Set<string>> {
  const seen = new Set<string>();
  const changed = new Set<string>();
  const lines = await openInputLines(inputPath);
  try {
    for await (const { key, hash } of readJobLines(lines, inputPath, format, reader)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const was = recorded.get(key);
      if (was !== undefined && was !== hash()) changed.add(key);
    }
  } finally {
    lines.close();
  }
  return changed;
}
