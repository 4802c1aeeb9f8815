import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { CliError } from './cli-io.js';
import { describeFsError } from './read-input-lines.js';

/** What a lock file holds: who writes the output, since when. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** ISO 8601. */
  readonly startedAt: string;
}

/** An output locked by this process. */
export interface OutputLock {
  /** `<output>.lock`. */
  readonly path: string;
  /** The owner of a stale lock taken over (a dead process of this host), to say so. */
  readonly recovered?: LockOwner;
  /** Removes the lock file if it is still this one. Safe to call more than once. */
  release(): void;
}

/** How long a lock file that exists but cannot be read yet (its owner is writing it) is waited for. */
const UNREADABLE_WAIT_MS = 500;

/**
 * Takes the exclusive lock of a run's output: `<output>.lock`, created atomically (`wx`) with the
 * process's pid, host and start time, so that two runs never append to one output (each would send and
 * write every line) and a `--retry-failed` never rewrites it under a running one. A lock of a process of
 * this host that no longer exists (killed) is stale: taken over (`recovered`). A lock of a live process,
 * of another host (which cannot be checked from here: never presumed stale), or unreadable is a
 * `CliError` saying what to do. Released by `release()`, and when the process exits.
 *
 * @example
 * const lock = await lockOutput('results.jsonl');
 * try { ... } finally { lock.release(); }
 */
export async function lockOutput(output: string): Promise<OutputLock> {
  const path = `${output}.lock`;
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const content = `${JSON.stringify(me)}\n`;
  let recovered: LockOwner | undefined;
  for (let waited = 0; ; ) {
    if (create(path, content, output)) break;
    const text = readOrUndefined(path);
    if (text === undefined) continue; // released meanwhile: try again
    const owner = parseOwner(text);
    if (owner === undefined) {
      if (waited >= UNREADABLE_WAIT_MS) {
        throw new CliError(`${output} is locked (${path} is not a lock this version can read); if no run is writing it, remove the lock and rerun`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      waited += 50;
      continue;
    }
    if (owner.host !== me.host) {
      throw new CliError(`${output} is locked by a run on host ${owner.host} (pid ${owner.pid}, since ${owner.startedAt}), `
        + `which cannot be checked from here; if that run is over, remove ${path} and rerun`);
    }
    if (isAlive(owner.pid)) {
      throw new CliError(`${output} is in use by another run (pid ${owner.pid} on this host, since ${owner.startedAt}); wait for it to end or stop it`);
    }
    // Stale: its process is gone. Removed only if it is still that lock (another run may have taken it over first).
    if (readOrUndefined(path) === text) unlinkQuietly(path);
    recovered = owner;
  }
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      if (readOrUndefined(path) === content) unlinkQuietly(path);
    } catch {
      // unreadable now: left for the next run to report
    }
  };
  process.on('exit', release); // also on an exit that skips the run's own clean-up
  return { path, ...(recovered ? { recovered } : {}), release };
}

/** Creates the lock file with `content`; false when it exists. */
function create(path: string, content: string, output: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') throw new CliError(`cannot write output "${output}": no such directory`);
    throw new CliError(`cannot lock output "${output}" (${path}): ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  try {
    writeSync(fd, content);
  } catch (error) {
    closeSync(fd);
    unlinkQuietly(path);
    throw new CliError(`cannot lock output "${output}" (${path}): ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  closeSync(fd);
  return true;
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner> | null;
    if (typeof value?.pid !== 'number' || typeof value.host !== 'string' || typeof value.startedAt !== 'string') return undefined;
    return { pid: value.pid, host: value.host, startedAt: value.startedAt };
  } catch {
    return undefined;
  }
}

/** Whether a process of this host exists (`kill(pid, 0)`: ESRCH means gone, EPERM means someone else's). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** The lock file's text; `undefined` when there is none (any other read error is a `CliError`). */
function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot read the lock ${path}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
