import {
  parseRequestLine,
  resolveFormat,
  type BadLine,
  type InputFormat,
  type RunRequest,
} from './parse-request-line.js';
import type { InputLine } from './read-input-lines.js';
import { requestHash } from './request-hash.js';
import { idKey } from './resume-state.js';

/** One request line of the input, with what identifies it. */
export interface RequestLine {
  readonly line: RunRequest | BadLine;
  /** `idKey(line.id)`. */
  readonly key: string;
  /** `requestHash` of the line. */
  readonly hash: string;
}

/**
 * The requests of the input's lines, in order (blank lines are not requests): the format from `format`,
 * else the path, else the first non-blank line; a line that is not valid UTF-8 is a bad line. The one
 * reading of input lines shared by the run and by `--rerun-changed`'s check.
 *
 * @example
 * for await (const { line, key, hash } of readRequests(await openInputLines('in.jsonl'), 'in.jsonl')) ...
 */
export async function* readRequests(lines: AsyncIterable<InputLine>, inputPath: string, format?: InputFormat): AsyncGenerator<RequestLine> {
  let resolved = format;
  for await (const { lineNo, text, invalidUtf8 } of lines) {
    if (resolved === undefined && text.trim() !== '') resolved = resolveFormat(undefined, inputPath, text);
    const parsed = parseRequestLine(text, lineNo, resolved ?? 'text');
    if (parsed === undefined) continue;
    const line: RunRequest | BadLine = invalidUtf8 ? { ok: false, id: parsed.id, lineNo, message: `line ${lineNo}: not valid UTF-8` } : parsed;
    yield { line, key: idKey(line.id), hash: requestHash(line, text) };
  }
}
