import { isInvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { CliCommand } from './cli-command.js';
import { CliError, UsageError, processIo, type CliIo } from './cli-io.js';
import { packageVersion } from './package-version.js';
import { embedCommand } from './embed-command.js';
import { runCommand } from './run-command.js';
import { serveCommand } from './serve-command.js';

/** Every subcommand; a new command is one more file and one more entry here. */
const COMMANDS: readonly CliCommand[] = [serveCommand, runCommand, embedCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: rxllm <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "rxllm <command> --help" for the options of a command, "rxllm --version" for the version.',
  ].join('\n');
}

function version(io: CliIo): number {
  io.stdout(`${packageVersion()}\n`);
  return 0;
}

/**
 * The `rxllm` command line. Resolves with the process exit code: 0 on success and for `--help` and
 * `--version` (also after a command: `rxllm run --version`), 2 for a missing or unknown command or a bad
 * flag (a one-line message, no stack), else the command's own code.
 *
 * @param argv the arguments after `rxllm` (`process.argv.slice(2)`).
 * @param io where to write and how to wait for shutdown. @default the real process
 * @example
 * process.exitCode = await main(['serve', '--port', '8787']);
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${usage()}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v') return version(io);
  if (name === undefined) {
    io.stderr(`${usage()}\n`);
    return 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`rxllm: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  const end = rest.indexOf('--');
  if ((end < 0 ? rest : rest.slice(0, end)).includes('--version')) return version(io);
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`rxllm ${command.name}: ${error.message}\nRun "rxllm ${command.name} --help" for the options.\n`);
      return 2;
    }
    if (error instanceof CliError) {
      io.stderr(`rxllm ${command.name}: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`rxllm ${command.name}: ${message}\n`);
    return isInvalidArgumentError(error) ? 2 : 1;
  }
}
