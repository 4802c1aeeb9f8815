import { closeSync, createReadStream, openSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { RequestId } from './parse-request-line.js';
import { LineCutter } from './read-input-lines.js';

/** What an existing output file says about a previous run. */
export interface ResumeState {
  /**
   * The ids not to run again (the successes, and the failures unless `retryFailed`): key (`idKey`) ->
   * the `requestHash` their record answers, `undefined` for a record without one (an earlier version's).
   * A fresh map per call (the run removes ids from it as it meets them).
   */
  readonly skip: Map<string, string | undefined>;
  readonly succeeded: number;
  readonly failed: number;
  /** Bytes of a torn last line cut off (0 when the file ended with a line break). */
  readonly repairedBytes: number;
  /** Failure records removed to be retried (`retryFailed`). */
  readonly removedFailures: number;
  /** Complete lines that are not output records (left in place, not counted). */
  readonly unreadable: number;
  /**
   * "duplicate id" error lines written by versions that gave a repeated id a line of its own: removed
   * (they are not results, and made the first line with the id look done).
   */
  readonly legacyDuplicates: number;
}

/** The key of an id in a `ResumeState`: `1` and `"1"` stay different. */
export function idKey(id: RequestId): string {
  return JSON.stringify(id);
}

/**
 * Reads the output of a previous run, in one streaming pass, to resume it. A last line without a line
 * break (a write cut by SIGKILL or a full disk) is truncated away. With `retryFailed`, the failure records
 * are removed from the file (rewritten to a temporary file, then renamed over it) so that each id ends
 * with exactly one line; so are the "duplicate id" error lines of earlier versions. A missing file is an
 * empty state. The caller holds the output's lock (`lockOutput`).
 *
 * @example
 * const state = await loadResumeState('results.jsonl', false);
 * if (state.skip.has(idKey(request.id))) continue;
 */
export async function loadResumeState(path: string, retryFailed: boolean): Promise<ResumeState> {
  const size = await stat(path).then((s) => s.size, () => undefined);
  if (size === undefined || size === 0) return { skip: new Map(), succeeded: 0, failed: 0, repairedBytes: 0, removedFailures: 0, unreadable: 0, legacyDuplicates: 0 };
  const skip = new Map<string, string | undefined>();
  let succeeded = 0;
  let failed = 0;
  let unreadable = 0;
  let legacyDuplicates = 0;
  const end = await forEachLine(path, (line) => {
    const record = readRecord(line);
    if (record === undefined) {
      unreadable++;
    } else if (record.legacyDuplicate) {
      legacyDuplicates++;
    } else if (record.failed) {
      failed++;
      if (!retryFailed && !skip.has(record.key)) skip.set(record.key, record.hash);
    } else {
      succeeded++;
      if (!skip.has(record.key)) skip.set(record.key, record.hash);
    }
  });
  const repairedBytes = size - end;
  if (repairedBytes > 0) truncateSync(path, end);
  if ((retryFailed && failed > 0) || legacyDuplicates > 0) {
    await rewriteWithout(path, (record) => record.legacyDuplicate || (retryFailed && record.failed));
  }
  return { skip, succeeded, failed, repairedBytes, removedFailures: retryFailed ? failed : 0, unreadable, legacyDuplicates };
}

interface RecordSummary {
  readonly key: string;
  readonly hash: string | undefined;
  readonly failed: boolean;
  readonly legacyDuplicate: boolean;
}

const LEGACY_DUPLICATE = /^line \d+: duplicate id .* \(ids must be unique\)$/;

function readRecord(line: Buffer): RecordSummary | undefined {
  try {
    const value = JSON.parse(line.toString('utf8')) as { id?: unknown; requestHash?: unknown; error?: { name?: unknown; message?: unknown } } | null;
    if (typeof value !== 'object' || value === null) return undefined;
    if (typeof value.id !== 'string' && typeof value.id !== 'number') return undefined;
    const error = value.error;
    const legacyDuplicate = error?.name === 'BadLineError' && typeof error.message === 'string' && LEGACY_DUPLICATE.test(error.message);
    const hash = typeof value.requestHash === 'string' ? value.requestHash : undefined;
    return { key: idKey(value.id), hash, failed: error !== undefined, legacyDuplicate };
  } catch {
    return undefined;
  }
}

/** Calls `onLine` with every non-empty complete line (no line break); resolves with the byte offset after the last one. */
async function forEachLine(path: string, onLine: (line: Buffer) => void): Promise<number> {
  let offset = 0;
  const cutter = new LineCutter();
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    for (const line of cutter.lines(chunk)) {
      offset += line.length + 1;
      if (line.length > 0) onLine(line);
    }
  }
  return offset; // a torn last line (cutter.rest()) is not a record
}

/**
 * Removes the records of the ids in `keys` from the output (`--rerun-changed`: their lines changed since)
 * and from `state.skip`, so that they run again and each id still ends with exactly one line.
 *
 * @example
 * state = await dropResults('results.jsonl', state, new Set([idKey('a7')]));
 */
export async function dropResults(path: string, state: ResumeState, keys: ReadonlySet<string>): Promise<ResumeState> {
  if (keys.size === 0) return state;
  const dropped = await rewriteWithout(path, (record) => keys.has(record.key));
  for (const key of keys) state.skip.delete(key);
  return { ...state, succeeded: state.succeeded - dropped.succeeded, failed: state.failed - dropped.failed };
}

/** Rewrites the file without the records `drop` picks: to a temporary file, then renamed over it (safe under the run's lock). */
async function rewriteWithout(path: string, drop: (record: RecordSummary) => boolean): Promise<{ succeeded: number; failed: number }> {
  const temp = `${path}.rxllm-tmp`;
  const fd = openSync(temp, 'w');
  const dropped = { succeeded: 0, failed: 0 };
  try {
    await forEachLine(path, (line) => {
      const record = readRecord(line);
      if (record !== undefined && drop(record)) {
        if (!record.legacyDuplicate) dropped[record.failed ? 'failed' : 'succeeded']++;
        return;
      }
      writeSync(fd, Buffer.concat([line, Buffer.from('\n')]));
    });
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  return dropped;
}
