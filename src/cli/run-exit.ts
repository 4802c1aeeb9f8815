import type { CliIo } from './cli-io.js';
import type { JobConfig } from './job-flags.js';
import type { PipelineEnd } from './job-pipeline.js';

/**
 * The exit code of a run, after a last word on stderr for a run that did not complete:
 * - 0 every line succeeded;
 * - 1 lines failed (in this run, or in the output resumed without `--retry-failed`) or repeat an
 *   earlier line's id (`failed` counts them all);
 * - 2 stopped: an API error no request can get past, an output that cannot be written, a line changed
 *   since its result was written (with the command that resumes);
 * - 130 interrupted (Ctrl-C);
 * - 141 stdout closed by its reader (128 + SIGPIPE: what a shell shows for a command cut short by `| head`).
 *
 * The messages start with `command` (`rxllm run`), which also starts the command line that resumes;
 * `changed` says what may have changed when a line's request differs from its result's.
 *
 * @example
 * return runExitCode(await run.done, stats.failed, config, argv, io);
 */
export function runExitCode(
  end: PipelineEnd,
  failed: number,
  config: JobConfig,
  argv: readonly string[],
  io: CliIo,
  command = 'rxllm run',
  changed = 'the input',
): number {
  const again = `${command} ${argv.map(shellQuote).join(' ')}`;
  switch (end.kind) {
    case 'complete':
      return failed > 0 ? 1 : 0;
    case 'stdout-closed':
      io.stderr(`${command}: stopped: stdout was closed by its reader; requests in flight were cancelled.\n`);
      return 141;
    case 'write-failed':
      io.stderr(`${command}: stopped: ${end.error.message}\n${config.output !== undefined
        ? `Every result written before it is in ${config.output}. Fix it, then resume with: ${again}\n`
        : 'Use -o FILE to be able to resume.\n'}`);
      return 2;
    case 'input-changed':
      io.stderr(`${command}: stopped: line ${end.lineNo} (id ${JSON.stringify(end.id)}) is not the request its result in ${config.output} answers: `
        + `${changed} changed since that result was written\n`
        + (config.input === '-'
          ? 'Write to a new -o, or give the input as a file and add --rerun-changed to drop the results of changed lines and run them again.\n'
          : `Write to a new -o, or drop the results of changed lines and run them again: ${again}${config.rerunChanged ? '' : ' --rerun-changed'}\n`));
      return 2;
    case 'fatal':
      io.stderr(`${command}: stopped: ${end.error.name}: ${end.error.message}\n`
        + `Nothing more can succeed with this model and key. Fix it and rerun to resume: ${again}\n`);
      return 2;
    case 'interrupted':
      io.stderr(config.output !== undefined
        ? `${command}: interrupted; requests in flight were cancelled, every finished result is in ${config.output}.\nResume with: ${again}\n`
        : `${command}: interrupted; requests in flight were cancelled (use -o FILE to be able to resume).\n`);
      return 130;
  }
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
