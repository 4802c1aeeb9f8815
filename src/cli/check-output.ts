import { fstatSync, statSync, type Stats } from 'node:fs';
import { CliError } from './cli-io.js';
import { describeFsError } from './read-input-lines.js';

/**
 * Refuses an output (`-o`) that a run cannot append to and resume: a directory, something that is not a
 * regular file (a device, a pipe: use stdout without `-o`), or the input itself — compared by device and
 * inode, so a symbolic or hard link to the input is caught, and so is stdin redirected from the output
 * (`rxllm run - -o out.jsonl < out.jsonl`). A missing output is fine (it is created).
 *
 * @example
 * checkOutput('results.jsonl', 'prompts.jsonl'); // throws CliError when they are the same file
 */
export function checkOutput(output: string, input: string, stdinFd = 0): void {
  let out: Stats;
  try {
    out = statSync(output);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new CliError(`cannot write output "${output}": ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  if (out.isDirectory()) throw new CliError(`cannot write output "${output}": is a directory`);
  if (!out.isFile()) {
    throw new CliError(`-o "${output}" is not a regular file: results are appended to a file and resumed from it (without -o, they go to stdout)`);
  }
  const inp = statOrUndefined(() => (input === '-' ? fstatSync(stdinFd) : statSync(input)));
  if (inp !== undefined && inp.isFile() && inp.dev === out.dev && inp.ino === out.ino) {
    throw new CliError(`-o "${output}" is the input file: its results would be read back as prompts; write them to another file`);
  }
}

function statOrUndefined(read: () => Stats): Stats | undefined {
  try {
    return read();
  } catch {
    return undefined; // an unreadable input is reported when it is opened
  }
}
