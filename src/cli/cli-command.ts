import type { CliIo } from './cli-io.js';

/** One `rxllm <name>` subcommand; add a file per command and list it in main.ts. */
export interface CliCommand {
  readonly name: string;
  /** One line for `rxllm --help`. */
  readonly summary: string;
  /** The command's full usage text (flags and examples). */
  readonly usage: string;
  /** Runs the command with the arguments after its name; resolves with the exit code. Throws `UsageError` for a bad command line. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
