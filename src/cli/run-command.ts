import type { LanguageModel } from '../core/language-model.js';
import type { CliCommand } from './cli-command.js';
import type { CliIo } from './cli-io.js';
import { processTerminal, runJob, type JobCommand, type RunTerminal } from './job-command.js';
import { startJobPipeline } from './job-pipeline.js';
import type { RunRequest } from './parse-request-line.js';
import { runLines } from './request-lines.js';
import { parseRunFlags, RUN_DEFAULTS, type RunConfig } from './run-flags.js';
import { generationEngine } from './run-pipeline.js';
import { connectModel, generateOptions } from './run-setup.js';
import { RUN_USAGE } from './run-usage.js';

export type { RunTerminal } from './job-command.js';

/** `rxllm run` as a job: prompts through `generateFrom`. */
const RUN_JOB: JobCommand<RunConfig, LanguageModel, RunRequest> = {
  name: 'run',
  usage: RUN_USAGE,
  progressIntervalMs: RUN_DEFAULTS.progressIntervalMs,
  priceFlag: 'IN,OUT',
  parse: parseRunFlags,
  connect: connectModel,
  lines: (config) => runLines(config.schema?.digest),
  changed: (config) => (config.schema ? 'the input or the --schema' : 'the input'),
  start: ({ config, model, input, writer, stats, rateLimit }) =>
    startJobPipeline({ ...input, ...generationEngine({ model, writer, stats, generate: generateOptions(config, rateLimit) }) }),
};

/**
 * `rxllm run`: bulk generation from a file (or stdin) to a JSONL file, with progress, resume, retries,
 * rate limits and adaptive concurrency. See `rxllm run --help` and the README's "rxllm run" section.
 *
 * @example
 * // npx rxllm run prompts.jsonl -o results.jsonl --model openai:gpt-4o-mini --concurrency 16 --rpm 500
 */
export const runCommand: CliCommand = {
  name: 'run',
  summary: 'send every line of a file to a model, with progress and resume (rxllm run --help)',
  usage: RUN_USAGE,
  run: (argv, io) => runWith(argv, io, processTerminal),
};

/**
 * `runCommand.run` with an explicit terminal (tests draw the live bar without a real one).
 *
 * @example
 * const code = await runWith(['in.jsonl', '-o', 'out.jsonl', '--simulator'], processIo, { isTTY: true, columns: () => 100 });
 */
export function runWith(argv: readonly string[], io: CliIo, terminal: RunTerminal): Promise<number> {
  return runJob(RUN_JOB, argv, io, terminal);
}
