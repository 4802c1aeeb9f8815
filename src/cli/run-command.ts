import { isLlmError } from '../errors/llm-error.js';
import type { SimulatorHandle } from '../simulator/start-simulator.js';
import { checkOutput } from './check-output.js';
import type { CliCommand } from './cli-command.js';
import { CliError, type CliIo } from './cli-io.js';
import { openJsonlWriter, textJsonlWriter, type JsonlWriter } from './jsonl-writer.js';
import { lockOutput } from './output-lock.js';
import { findPrice } from './price-table.js';
import { startPlainProgress } from './progress-plain.js';
import { startTtyProgress, type Progress } from './progress-tty.js';
import { countLines, describeFsError, openInputLines, type InputLines } from './read-input-lines.js';
import { parseRunFlags, RUN_DEFAULTS, type RunConfig } from './run-flags.js';
import { runExitCode } from './run-exit.js';
import { startPipeline } from './run-pipeline.js';
import { prepareResume } from './run-resume.js';
import { connectModel, generateOptions } from './run-setup.js';
import { RunStats } from './run-stats.js';
import { formatSummary } from './run-summary.js';
import { RUN_USAGE } from './run-usage.js';

/** Where the run shows progress, injectable for tests. */
export interface RunTerminal {
  /** stderr is a terminal: draw a live bar. */
  readonly isTTY: boolean;
  /** stdout is a terminal: results written there (no `-o`) would tear a live bar, so plain lines are used. @default false */
  readonly stdoutIsTTY?: boolean;
  /** The terminal's width. */
  readonly columns: () => number;
}

const processTerminal: RunTerminal = {
  isTTY: process.stderr.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  columns: () => process.stderr.columns || 80,
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
export async function runWith(argv: readonly string[], io: CliIo, terminal: RunTerminal): Promise<number> {
  const config = parseRunFlags(argv);
  if (config === 'help') {
    io.stdout(`${RUN_USAGE}\n`);
    return 0;
  }
  let simulator: SimulatorHandle | undefined;
  let lines: InputLines | undefined;
  let writer: JsonlWriter | undefined;
  let progress: Progress | undefined;
  if (config.output !== undefined) checkOutput(config.output, config.input);
  const lock = config.output !== undefined ? await lockOutput(config.output) : undefined;
  if (lock?.recovered) io.stderr(`rxllm run: recovered a stale lock on ${config.output} (pid ${lock.recovered.pid} on this host is gone)\n`);
  try {
    const connected = await connectModel(config);
    simulator = connected.simulator;
    lines = await openInputLines(config.input);
    const resume = config.output !== undefined ? await prepareResume({ ...config, output: config.output }, io.stderr) : undefined;
    writer = config.output !== undefined ? openJsonlWriter(config.output) : textJsonlWriter(io.stdout);
    const stats = new RunStats(performance.now());
    if (config.input !== '-') void countLines(config.input).then((n) => (stats.total = n));
    progress = startProgress(config, stats, io, terminal);
    const run = startPipeline({
      model: connected.model,
      lines,
      inputPath: config.input,
      ...(config.format !== undefined ? { format: config.format } : {}),
      skip: resume?.skip ?? new Map(),
      writer,
      stats,
      generate: generateOptions(config),
    });
    void io.waitForShutdown().then(() => run.stop());
    if (config.output === undefined) {
      void io.stdoutFailed?.().then((error) =>
        run.stop(error.code === 'EPIPE'
          ? { kind: 'stdout-closed' }
          : { kind: 'write-failed', error: new CliError(`cannot write to stdout: ${describeFsError(error)}`) }));
    }
    const end = await run.done;
    progress.stop();
    progress = undefined;
    io.stderr(formatSummary(stats, {
      now: performance.now(),
      modelId: config.model.modelId,
      ...priceOf(config),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }));
    return runExitCode(end, stats.failed + stats.duplicates + (resume && !config.retryFailed ? resume.failed : 0), config, argv, io);
  } catch (error) {
    throw asCliError(error);
  } finally {
    progress?.stop();
    lines?.close();
    writer?.close();
    lock?.release();
    await simulator?.close();
  }
}

function priceOf(config: RunConfig): { price?: NonNullable<RunConfig['price']> } {
  if (config.model.provider === 'instant') return { price: config.price ?? { inputPerMillion: 0, outputPerMillion: 0 } };
  const price = config.price ?? findPrice(config.model.modelId);
  return price ? { price } : {};
}

function startProgress(config: RunConfig, stats: RunStats, io: CliIo, terminal: RunTerminal): Progress {
  if (!config.progress) return { stop: () => undefined };
  const resultsOnTerminal = config.output === undefined && terminal.stdoutIsTTY === true;
  if (terminal.isTTY && !resultsOnTerminal) return startTtyProgress(stats, io.stderr, terminal.columns);
  return startPlainProgress(stats, io.stderr, config.progressIntervalMs ?? RUN_DEFAULTS.progressIntervalMs);
}

/** Errors that are not the command line's nor the API's (a file system error...): one line, exit 2. */
function asCliError(error: unknown): unknown {
  if (error instanceof CliError || isLlmError(error)) return error;
  const fsError = error as NodeJS.ErrnoException | null;
  if (typeof fsError?.code === 'string') return new CliError(describeFsError(fsError) + (fsError.path ? ` (${fsError.path})` : ''));
  return new CliError(error instanceof Error ? error.message : String(error));
}
