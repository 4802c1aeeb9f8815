/** Where a command writes and how it learns it should stop; injectable so commands run inside tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Resolves with the signal name when the process is asked to stop (SIGINT/SIGTERM). */
  readonly waitForShutdown: () => Promise<string>;
  /**
   * Resolves with the error once stdout cannot be written any more (`EPIPE`: its reader went away, as
   * with `| head -1`; `ENOSPC`...); later `stdout` calls are dropped. Absent: a sink that cannot fail.
   */
  readonly stdoutFailed?: () => Promise<NodeJS.ErrnoException>;
}

/**
 * A command that cannot go on (a refused output, an I/O error): its message is printed as one line (plus
 * any further lines it holds, such as the command that resumes), without a stack; exit code 2.
 */
export class CliError extends Error {
  override readonly name: string = 'CliError';
}

/** A mistake in the command line: like `CliError`, followed by a pointer to the command's `--help`. */
export class UsageError extends CliError {
  override readonly name = 'UsageError';
}

let stdoutFailure: Promise<NodeJS.ErrnoException> | undefined;
let stdoutBroken = false;
let stderrWatched = false;

/** Listens (once) for stdout's write errors, which would otherwise crash the process with a stack. */
function watchStdout(): Promise<NodeJS.ErrnoException> {
  stdoutFailure ??= new Promise((resolve) => {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      stdoutBroken = true;
      resolve(error);
    });
  });
  return stdoutFailure;
}

/** The real process: stdout/stderr (their write errors handled, never a crash), and the first SIGINT or SIGTERM. */
export const processIo: CliIo = {
  stdout: (text) => {
    void watchStdout();
    if (!stdoutBroken) process.stdout.write(text);
  },
  stderr: (text) => {
    if (!stderrWatched) process.stderr.on('error', () => undefined); // nowhere left to report it
    stderrWatched = true;
    process.stderr.write(text);
  },
  stdoutFailed: watchStdout,
  waitForShutdown: () =>
    new Promise((resolve) => {
      const onSignal = (signal: NodeJS.Signals): void => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve(signal);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }),
};
