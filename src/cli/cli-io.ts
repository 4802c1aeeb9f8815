/** Where a command writes and how it learns it should stop; injectable so commands run inside tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Resolves with the signal name when the process is asked to stop (SIGINT/SIGTERM). */
  readonly waitForShutdown: () => Promise<string>;
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

/** The real process: stdout/stderr, and the first SIGINT or SIGTERM. */
export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
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
