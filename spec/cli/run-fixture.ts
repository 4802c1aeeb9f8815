// Helpers for the `rxllm run` specs: temporary files and the CLI run as a child process from the sources
// (node --import tsx spec/cli/fixtures/rxllm-dev.ts run ...), as the serve specs do.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CLI = ['--import', 'tsx', 'spec/cli/fixtures/rxllm-dev.ts'];

export interface TempDir {
  readonly path: (name: string) => string;
  readonly remove: () => void;
}

export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'rxllm-run-'));
  return { path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `n` JSONL requests `{ id: "p<i>", prompt }`. */
export function writePrompts(file: string, n: number, make: (i: number) => object = (i) => ({ id: `p${i}`, prompt: `Prompt number ${i}` })): void {
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) lines.push(JSON.stringify(make(i)));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

export interface OutputLine {
  readonly id: string | number;
  readonly line: number;
  readonly requestHash?: string;
  readonly text?: string;
  readonly object?: unknown;
  readonly attempts: number;
  readonly latencyMs?: number;
  readonly usage?: { inputTokens: number; outputTokens: number; totalTokens: number };
  readonly error?: { name: string; message: string; statusCode?: number; text?: string };
}

/** The records of a JSONL output (every line must parse). */
export function readOutput(file: string): OutputLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as OutputLine);
}

export interface CliProcess {
  readonly child: ChildProcess;
  /** stderr so far. */
  readonly stderr: () => string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export interface CliOptions {
  /** Piped in, then closed. */
  readonly stdin?: string;
  /** A file opened as stdin (`< file`) instead. */
  readonly stdinFile?: string;
  /** A file opened as stdout (`> file`, e.g. /dev/full) instead of a pipe. */
  readonly stdoutFile?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** A shell prefix run before the CLI (`ulimit -f 64`): the CLI then runs under `sh -c`. */
  readonly shell?: string;
  /** The subcommand. @default 'run' */
  readonly command?: string;
}

/** Starts `rxllm run` (or `options.command`) with `args`. */
export function startCli(args: readonly string[], options: CliOptions = {}): CliProcess {
  const stdinFd = options.stdinFile !== undefined ? openSync(options.stdinFile, 'r') : undefined;
  const stdoutFd = options.stdoutFile !== undefined ? openSync(options.stdoutFile, 'a') : undefined;
  const argv = [...CLI, options.command ?? 'run', ...args];
  const [command, commandArgs] = options.shell !== undefined
    ? ['/bin/sh', ['-c', `${options.shell} && exec "$0" "$@"`, process.execPath, ...argv]]
    : [process.execPath, argv];
  const child = spawn(command, commandArgs, {
    cwd: ROOT,
    stdio: [stdinFd ?? 'pipe', stdoutFd ?? 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  for (const fd of [stdinFd, stdoutFd]) if (fd !== undefined) closeSync(fd);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(options.stdin ?? '');
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exit, stderr: () => stderr };
}

/** Runs the CLI to its end. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliProcess['exit'] {
  return startCli(args, options).exit;
}
