import { CliError } from './cli-io.js';
import { changedIds } from './input-changes.js';
import { describeFsError } from './read-input-lines.js';
import { dropResults, loadResumeState, type ResumeState } from './resume-state.js';
import type { JobConfig } from './job-flags.js';
import type { JobRequest, LineReader } from './request-lines.js';

/**
 * Reads the output of an earlier run to resume it (under the output's lock): repairs a torn last line,
 * removes failures with `--retry-failed`, and with `--rerun-changed` drops the results of the lines that
 * changed since (one pass over the input, read by `reader` as the command reads it). Writes what it did to
 * `stderr`, each line starting with `command` (`rxllm run`). A file system error is a `CliError`.
 *
 * @example
 * const resume = await prepareResume({ ...config, output: 'results.jsonl' }, io.stderr, 'rxllm run', RUN_LINES);
 */
export async function prepareResume<R extends JobRequest>(
  config: JobConfig & { output: string },
  stderr: (text: string) => void,
  command: string,
  reader: LineReader<R>,
): Promise<ResumeState> {
  const { output } = config;
  try {
    let state = await loadResumeState(output, config.retryFailed);
    let rerun = 0;
    if (config.rerunChanged && state.skip.size > 0) {
      const changed = await changedIds(config.input, config.format, state.skip, reader);
      state = await dropResults(output, state, changed);
      rerun = changed.size;
    }
    stderr(resumeNote(config, state, rerun, command));
    return state;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot resume from "${output}": ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
}

function resumeNote(config: JobConfig, state: ResumeState, rerun: number, command: string): string {
  const notes: string[] = [];
  if (state.repairedBytes > 0) notes.push(`repaired ${config.output}: cut a torn last line (${state.repairedBytes} bytes)`);
  if (state.legacyDuplicates > 0) {
    notes.push(`${config.output}: removed ${plural(state.legacyDuplicates, '"duplicate id" error line')} written by an earlier version`);
  }
  if (rerun > 0) notes.push(`${config.output}: dropped the results of ${plural(rerun, 'changed line')} (running them again)`);
  if (state.succeeded + state.failed > 0) {
    const failed = state.removedFailures > 0
      ? `${state.failed} failed (retrying them)`
      : `${state.failed} failed${state.failed > 0 ? ' (rerun with --retry-failed to retry them)' : ''}`;
    notes.push(`resuming ${config.output}: ${state.succeeded} succeeded, ${failed}`);
  }
  if (state.unreadable > 0) notes.push(`${config.output}: ${state.unreadable} lines are not result records (left as they are)`);
  return notes.map((n) => `${command}: ${n}\n`).join('');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
