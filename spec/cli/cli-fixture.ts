// A CliIo that records output and lets the test decide when "SIGTERM" arrives, and a command run in process with it.
import type { CliIo } from '../../src/cli/cli-io.js';
import { main } from '../../src/cli/main.js';

export interface RecordingIo extends CliIo {
  readonly out: string[];
  readonly err: string[];
  /** Simulates SIGINT/SIGTERM. */
  shutdown(signal?: string): void;
  /** Resolves with the first stdout line. */
  firstLine(): Promise<string>;
}

export function recordingIo(): RecordingIo {
  const out: string[] = [];
  const err: string[] = [];
  let stop: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  let lineWaiter: ((line: string) => void) | undefined;
  return {
    out,
    err,
    stdout: (text) => {
      out.push(text);
      lineWaiter?.(text.split('\n')[0]!);
    },
    stderr: (text) => void err.push(text),
    waitForShutdown: () => stopped,
    shutdown: (signal = 'SIGTERM') => stop(signal),
    firstLine: () => (out.length > 0 ? Promise.resolve(out[0]!.split('\n')[0]!) : new Promise((resolve) => (lineWaiter = resolve))),
  };
}

/** Runs `rxllm <command> ...args --no-progress` in process (`main` with a `recordingIo`): its exit code, stderr and stdout. */
export async function runInProcess(args: readonly string[], command = 'run'): Promise<{ code: number; err: string; out: string }> {
  const io = recordingIo();
  const code = await main([command, ...args, '--no-progress'], io);
  return { code, err: io.err.join(''), out: io.out.join('') };
}
