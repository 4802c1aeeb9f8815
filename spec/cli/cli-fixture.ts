// A CliIo that records output and lets the test decide when "SIGTERM" arrives.
import type { CliIo } from '../../src/cli/cli-io.js';

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
