import { isLlmError } from '../errors/llm-error.js';
import type { RateLimiter } from '../policies/rate-limiter/rate-limiter.js';
import type { SimulatorHandle } from '../simulator/start-simulator.js';
import { checkOutput } from './check-output.js';
import { CliError, type CliIo } from './cli-io.js';
import type { JobConfig } from './job-flags.js';
import { openJobRateLimiter, type JobRateLimiter } from './job-rate-limit.js';
import type { JobInput, PipelineRun } from './job-pipeline.js';
import { openJsonlWriter, textJsonlWriter, type JsonlWriter } from './jsonl-writer.js';
import { lockOutput } from './output-lock.js';
import { findPrice, type ModelPrice } from './price-table.js';
import { startPlainProgress } from './progress-plain.js';
import { startTtyProgress, type Progress } from './progress-tty.js';
import { countLines, describeFsError, openInputLines, type InputLines } from './read-input-lines.js';
import { readJobLines, type JobRequest, type LineReader } from './request-lines.js';
import { runExitCode } from './run-exit.js';
import { prepareResume } from './run-resume.js';
import { RunStats } from './run-stats.js';
import { formatSummary } from './run-summary.js';
import { shardLabel } from './shard.js';

/** Where a job shows progress, injectable for tests. */
export interface RunTerminal {
  /** stderr is a terminal: draw a live bar. */
  readonly isTTY: boolean;
  /** stdout is a terminal: results written there (no `-o`) would tear a live bar, so plain lines are used. @default false */
  readonly stdoutIsTTY?: boolean;
  /** The terminal's width. */
  readonly columns: () => number;
}

/** The real process's terminal. */
export const processTerminal: RunTerminal = {
  isTTY: process.stderr.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  columns: () => process.stderr.columns || 80,
};

/** What a job started by `runJob` gets. */
export interface JobContext<C extends JobConfig, M, R extends JobRequest> {
  readonly config: C;
  readonly model: M;
  /** The input's request lines as `lines` reads them, the shard and the ids already done: `startJobPipeline`'s part. */
  readonly input: JobInput<R>;
  readonly writer: JsonlWriter;
  readonly stats: RunStats;
  /** The job's rate limiter (`openJobRateLimiter`: shared through Redis with `--redis`); absent without limits. */
  readonly rateLimit?: RateLimiter;
}

/** What makes a bulk job command (`rxllm run`, `rxllm embed`): its flags, model, lines and pipeline. */
export interface JobCommand<C extends JobConfig, M, R extends JobRequest> {
  /** `run`, `embed`: messages start with `rxllm <name>`. */
  readonly name: string;
  /** The `--help` text. */
  readonly usage: string;
  /** The interval of plain progress lines when `--progress-interval` is not given. */
  readonly progressIntervalMs: number;
  /** How `--price` is written for this command (`IN,OUT`; `IN` for input-only models). */
  readonly priceFlag: string;
  parse(argv: readonly string[]): C | 'help';
  /** Starts the simulator if asked and builds the model (see `connectJob`). */
  connect(config: C): Promise<{ model: M; simulator?: SimulatorHandle }>;
  /** How the input's lines are read in this run (also for `--rerun-changed`). */
  lines(config: C): LineReader<R>;
  /** What may have changed when a line's request hash differs from its result's. @default 'the input' */
  changed?(config: C): string;
  /** Starts the pipeline: `startJobPipeline` with the command's engine. */
  start(context: JobContext<C, M, R>): PipelineRun;
}

/**
 * Runs a job command end to end: takes the output's lock, connects the model and the rate limiter (Redis
 * with `--redis`), resumes from the output, shows progress, runs the pipeline until it ends (or
 * SIGINT/SIGTERM, or stdout closes), prints the summary and returns the exit code (`runExitCode`). With
 * `--shard i/n`, progress and summary say so. Resources (simulator, Redis connection, input, output, lock)
 * are released whatever happens; errors that are not the API's become one-line `CliError`s.
 *
 * @example
 * const code = await runJob(embedJob, ['in.jsonl', '-o', 'out.jsonl', '--simulator'], processIo, processTerminal);
 */
export async function runJob<C extends JobConfig, M, R extends JobRequest>(
  command: JobCommand<C, M, R>,
  argv: readonly string[],
  io: CliIo,
  terminal: RunTerminal,
): Promise<number> {
  const label = `rxllm ${command.name}`;
  const config = command.parse(argv);
  if (config === 'help') {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  let simulator: SimulatorHandle | undefined;
  let limiter: JobRateLimiter | undefined;
  let lines: InputLines | undefined;
  let writer: JsonlWriter | undefined;
  let progress: Progress | undefined;
  if (config.output !== undefined) checkOutput(config.output, config.input);
  const lock = config.output !== undefined ? await lockOutput(config.output) : undefined;
  if (lock?.recovered) io.stderr(`${label}: recovered a stale lock on ${config.output} (pid ${lock.recovered.pid} on this host is gone)\n`);
  try {
    const connected = await command.connect(config);
    simulator = connected.simulator;
    limiter = await openJobRateLimiter(config, (message) => io.stderr(`${label}: ${message}\n`));
    const unshared = unsharedLimitsNote(config);
    if (unshared !== undefined) io.stderr(`${label}: ${unshared}\n`);
    lines = await openInputLines(config.input);
    const reader = command.lines(config);
    const resume = config.output !== undefined ? await prepareResume({ ...config, output: config.output }, io.stderr, label, reader) : undefined;
    writer = config.output !== undefined ? openJsonlWriter(config.output) : textJsonlWriter(io.stdout);
    const stats = new RunStats(performance.now());
    if (config.input !== '-') void countLines(config.input, config.shard).then((n) => (stats.total = n));
    const shown = config.shard !== undefined ? `${label} (${shardLabel(config.shard)})` : label; // progress and summary
    progress = startProgress(config, stats, io, terminal, shown, command.progressIntervalMs);
    const input: JobInput<R> = {
      requests: readJobLines(lines, config.input, config.format, reader),
      inputPath: config.input,
      ...(config.shard !== undefined ? { shard: config.shard } : {}),
      skip: resume?.skip ?? new Map(),
      stats,
    };
    const rateLimit = limiter.limiter;
    const run = command.start({ config, model: connected.model, input, writer, stats, ...(rateLimit ? { rateLimit } : {}) });
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
    const price = jobPrice(config);
    io.stderr(formatSummary(stats, {
      now: performance.now(),
      modelId: config.model.modelId,
      ...(price ? { price } : {}),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      command: shown,
      priceFlag: command.priceFlag,
    }));
    const failed = stats.failed + stats.duplicates + (resume && !config.retryFailed ? resume.failed : 0);
    return runExitCode(end, failed, config, argv, io, label, command.changed?.(config));
  } catch (error) {
    throw asCliError(error);
  } finally {
    progress?.stop();
    lines?.close();
    writer?.close();
    lock?.release();
    await limiter?.close();
    await simulator?.close();
  }
}

/** The price of the summary's cost estimate: `--price`, else none for `instant:` (offline), else the model's list price when known. */
function jobPrice(config: JobConfig): ModelPrice | undefined {
  return config.price ?? (config.model.provider === 'instant' ? { inputPerMillion: 0, outputPerMillion: 0 } : findPrice(config.model.modelId));
}

/**
 * With `--shard i/n` (n > 1) and rate limits but no `--redis`: the limits are this process's own, so the
 * shards together may send n times as much. Said once at the start.
 */
function unsharedLimitsNote(config: JobConfig): string | undefined {
  const { shard } = config;
  if (shard === undefined || shard.count < 2 || config.redis !== undefined) return undefined;
  const flags = (['rps', 'rpm', 'tpm'] as const).filter((f) => config[f] !== undefined).map((f) => `--${f} ${config[f]}`);
  if (flags.length === 0) return undefined;
  return `${shardLabel(shard)} without --redis: ${flags.join(', ')} ${flags.length === 1 ? 'is' : 'are'} this process's own limit; `
    + `the ${shard.count} shards together may send ${shard.count} times as much (add --redis URL to share ${flags.length === 1 ? 'it' : 'them'})`;
}

function startProgress(config: JobConfig, stats: RunStats, io: CliIo, terminal: RunTerminal, label: string, intervalMs: number): Progress {
  if (!config.progress) return { stop: () => undefined };
  const resultsOnTerminal = config.output === undefined && terminal.stdoutIsTTY === true;
  if (terminal.isTTY && !resultsOnTerminal) {
    return startTtyProgress(stats, io.stderr, terminal.columns, undefined, config.shard !== undefined ? shardLabel(config.shard) : undefined);
  }
  return startPlainProgress(stats, io.stderr, config.progressIntervalMs ?? intervalMs, label);
}

/** Errors that are not the command line's nor the API's (a file system error...): one line, exit 2. */
function asCliError(error: unknown): unknown {
  if (error instanceof CliError || isLlmError(error)) return error;
  const fsError = error as NodeJS.ErrnoException | null;
  if (typeof fsError?.code === 'string') return new CliError(describeFsError(fsError) + (fsError.path ? ` (${fsError.path})` : ''));
  return new CliError(error instanceof Error ? error.message : String(error));
}
