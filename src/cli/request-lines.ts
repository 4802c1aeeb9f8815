import {
  parseRequestLine,
  resolveFormat,
  type BadLine,
  type InputFormat,
  type RequestId,
  type RunRequest,
} from './parse-request-line.js';
import type { InputLine } from './read-input-lines.js';
import { requestHash } from './request-hash.js';
import { idKey } from './resume-state.js';

/** What every job command's request line has: its id and line number. */
export interface JobRequest {
  readonly ok: true;
  readonly id: RequestId;
  readonly lineNo: number;
}

/** How a job command reads its input lines: what a line asks for, and the hash of that request. */
export interface LineReader<R extends JobRequest> {
  /** The request of one line; a bad line; `undefined` for a line that is not a request (blank). */
  parse(text: string, lineNo: number, format: InputFormat): R | BadLine | undefined;
  /** What the line's result answers (written as `requestHash`, compared by a resume). */
  hash(line: R | BadLine, text: string): string;
}

/** One request line of the input, with what identifies it. */
export interface RequestLine<R = RunRequest> {
  readonly line: R | BadLine;
  /** `idKey(line.id)`. */
  readonly key: string;
  /**
   * The reader's hash of the line, computed when asked for: a line the run passes over (another shard's, a
   * repeated id, one without a recorded hash to compare) is never hashed.
   */
  hash(): string;
}

/** `rxllm run`'s lines: prompts (`parseRequestLine`) and their `requestHash`. */
export const RUN_LINES: LineReader<RunRequest> = { parse: parseRequestLine, hash: (line, text) => requestHash(line, text) };

/**
 * `rxllm run`'s lines for a run: `RUN_LINES`, with the `--schema` in every request hash when there is one
 * (`schemaDigest`, see `requestHash`).
 *
 * @example
 * const reader = runLines(config.schema?.digest);
 */
export function runLines(schemaDigest: string | undefined): LineReader<RunRequest> {
  return schemaDigest === undefined ? RUN_LINES : { parse: parseRequestLine, hash: (line, text) => requestHash(line, text, schemaDigest) };
}

/**
 * The requests of the input's lines, in order (blank lines are not requests): the format from `format`,
 * else the path, else the first non-blank line; a line that is not valid UTF-8 is a bad line. The one
 * reading of input lines shared by the job commands and by `--rerun-changed`'s check.
 *
 * @example
 * for await (const request of readJobLines(await openInputLines('in.jsonl'), 'in.jsonl', undefined, RUN_LINES)) console.log(request.key, request.hash());
 */
export async function* readJobLines<R extends JobRequest>(
  lines: AsyncIterable<InputLine>,
  inputPath: string,
  format: InputFormat | undefined,
  reader: LineReader<R>,
): AsyncGenerator<RequestLine<R>> {
  let resolved = format;
  for await (const { lineNo, text, invalidUtf8 } of lines) {
    if (resolved === undefined && text.trim() !== '') resolved = resolveFormat(undefined, inputPath, text);
    const parsed = reader.parse(text, lineNo, resolved ?? 'text');
    if (parsed === undefined) continue;
    const line: R | BadLine = invalidUtf8 ? { ok: false, id: parsed.id, lineNo, message: `line ${lineNo}: not valid UTF-8` } : parsed;
    yield { line, key: idKey(line.id), hash: () => reader.hash(line, text) };
  }
}
