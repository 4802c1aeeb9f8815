import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UsageError } from './cli-io.js';
import { inShard, type Shard } from './shard.js';

/** One line of the input, without its line break. */
export interface InputLine {
  /** 1-based line number. */
  readonly lineNo: number;
  readonly text: string;
  /** Set when the line's bytes are not valid UTF-8 (`text` then has U+FFFD in their place): a bad line. */
  readonly invalidUtf8?: true;
}

/** The lines of an input file or stdin, read lazily. */
export interface InputLines extends AsyncIterable<InputLine> {
  /** Stops reading and releases the file (also when a read is pending). Safe to call more than once. */
  close(): void;
}

/**
 * Opens `path` (`-` = stdin) for reading line by line. Checks now that a file can be opened (an unreadable
 * file is a `UsageError`). Lines are pulled: the next chunk (64 KiB) is read only when the lines of the
 * previous one have been taken, so memory stays bounded whatever the input's size. `\r\n` is accepted, a
 * UTF-8 byte-order mark at the start is dropped, and a line whose bytes are not valid UTF-8 is marked
 * `invalidUtf8` (never silently decoded with replacement characters).
 *
 * @example
 * const lines = await openInputLines('prompts.jsonl');
 * for await (const { lineNo, text } of lines) console.log(lineNo, text);
 */
export async function openInputLines(path: string, stdin: Readable = process.stdin): Promise<InputLines> {
  let stream: Readable;
  if (path === '-') {
    stream = stdin;
  } else {
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read input "${path}": ${describeFsError(error)}`);
    });
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw new UsageError(`cannot read input "${path}": is a directory`);
    }
    stream = handle.createReadStream({ highWaterMark: 64 * 1024 });
  }
  const close = (): void => void stream.destroy();
  return { close, [Symbol.asyncIterator]: () => splitLines(stream)[Symbol.asyncIterator]() };
}

/**
 * Cuts a stream's chunks of bytes into lines at `\n` (a `\n` byte is never inside a multi-byte UTF-8
 * sequence): the one splitting of the input (`openInputLines`, `countLines`) and of an output to resume
 * (`loadResumeState`). A line spread over chunks is joined once, when its end comes.
 *
 * @example
 * const cutter = new LineCutter();
 * for await (const chunk of stream) for (const line of cutter.lines(chunk)) handle(line);
 * const last = cutter.rest(); // a last line without a line break
 */
export class LineCutter {
  /** The start of the current line, from earlier chunks. */
  private pending: Buffer[] = [];

  /** The lines `chunk` ends, without their `\n`; what follows the last `\n` waits for the next chunk. */
  *lines(chunk: Buffer): Generator<Buffer> {
    let from = 0;
    let nl = chunk.indexOf(10);
    while (nl >= 0) {
      const end = chunk.subarray(from, nl);
      if (this.pending.length === 0) {
        yield end;
      } else {
        const line = Buffer.concat([...this.pending, end]);
        this.pending = [];
        yield line;
      }
      from = nl + 1;
      nl = chunk.indexOf(10, from);
    }
    if (from < chunk.length) this.pending.push(chunk.subarray(from));
  }

  /** The bytes after the last `\n` (a last line without a line break), or `undefined` when there are none. */
  rest(): Buffer | undefined {
    return this.pending.length > 0 ? Buffer.concat(this.pending) : undefined;
  }
}

async function* splitLines(stream: Readable): AsyncGenerator<InputLine> {
  let lineNo = 0;
  const cutter = new LineCutter();
  for await (const data of stream as AsyncIterable<Buffer | string>) {
    for (const bytes of cutter.lines(typeof data === 'string' ? Buffer.from(data) : data)) yield decodeLine(++lineNo, bytes);
  }
  const last = cutter.rest();
  if (last !== undefined) yield decodeLine(++lineNo, last);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** One line's text: a leading byte-order mark (line 1) and a final \r dropped; invalid UTF-8 marked. */
function decodeLine(lineNo: number, raw: Buffer): InputLine {
  let bytes = lineNo === 1 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.subarray(3) : raw;
  if (bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, -1);
  const text = bytes.toString('utf8');
  if (!text.includes('\uFFFD')) return { lineNo, text };
  try {
    strictUtf8.decode(bytes); // U+FFFD may be in the file as such: only a failing strict decode is invalid
    return { lineNo, text };
  } catch {
    return { lineNo, text, invalidUtf8: true };
  }
}

/**
 * Counts the non-empty lines of a file in one streaming pass over raw bytes (no decoding): the progress
 * total. A last line without a line break counts. With `shard`, only the lines of that shard (`inShard`,
 * by line number in the whole file). Resolves `undefined` when the file cannot be read.
 *
 * @example
 * const total = await countLines('prompts.jsonl'); // 2000
 */
export async function countLines(path: string, shard?: Shard): Promise<number | undefined> {
  try {
    let count = 0;
    let lineNo = 0;
    const counts = (line: Buffer): boolean => inShard(shard, ++lineNo) && line.length > (line[line.length - 1] === 13 ? 1 : 0); // not empty once a final \r is dropped
    const cutter = new LineCutter();
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
      for (const line of cutter.lines(chunk)) if (counts(line)) count++;
    }
    const last = cutter.rest();
    return last !== undefined && counts(last) ? count + 1 : count;
  } catch {
    return undefined;
  }
}

const FS_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on device (ENOSPC)',
  EDQUOT: 'disk quota exceeded (EDQUOT)',
  EFBIG: 'file too large (EFBIG)',
  EIO: 'input/output error (EIO)',
  EROFS: 'read-only file system (EROFS)',
  EPIPE: 'its reader went away (EPIPE)',
};

/**
 * A short reason for a file-system error, without a stack.
 *
 * @example
 * describeFsError(error); // 'no space left on device (ENOSPC)'
 */
export function describeFsError(error: NodeJS.ErrnoException): string {
  return (error.code !== undefined ? FS_ERRORS[error.code] : undefined) ?? error.code ?? error.message;
}
