import { closeSync, openSync, writeSync } from 'node:fs';
import { CliError } from './cli-io.js';
import { describeFsError } from './read-input-lines.js';

/** Writes one JSON value per line. */
export interface JsonlWriter {
  write(record: unknown): void;
  close(): void;
}

/**
 * Opens `path` for appending JSON lines. Each record is written with ONE `write` call of the whole line
 * (`JSON.stringify(record) + '\n'`), synchronously, in the order `write` is called, so a process killed at
 * any moment leaves whole lines, except at most a partial last one (which `loadResumeState` repairs).
 * An output that cannot be opened or written (a full disk...) is a `CliError` naming the file and the cause.
 *
 * @example
 * const out = openJsonlWriter('results.jsonl');
 * out.write({ id: 1, text: 'Hi' });
 * out.close();
 */
export function openJsonlWriter(path: string): JsonlWriter {
  let fd: number;
  try {
    fd = openSync(path, 'a');
  } catch (error) {
    throw cannotWrite(path, error);
  }
  let open = true;
  return {
    write(record) {
      const bytes = Buffer.from(`${JSON.stringify(record)}\n`);
      try {
        let done = writeSync(fd, bytes);
        while (done < bytes.length) done += writeSync(fd, bytes, done); // a short write (disk full...) is rare
      } catch (error) {
        throw cannotWrite(path, error); // a partial line left behind is cut off by the next run
      }
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

function cannotWrite(path: string, error: unknown): CliError {
  return new CliError(`cannot write output "${path}": ${describeFsError(error as NodeJS.ErrnoException)}`);
}

/**
 * A writer to a text sink (stdout when there is no `-o`): one call per line.
 *
 * @example
 * const out = textJsonlWriter((s) => process.stdout.write(s));
 */
export function textJsonlWriter(sink: (text: string) => void): JsonlWriter {
  return { write: (record) => sink(`${JSON.stringify(record)}\n`), close: () => undefined };
}
