import { badLine, readJsonLine, type BadLine, type InputFormat, type RequestId } from './parse-request-line.js';
import { badLineHash, shortHash } from './request-hash.js';
import type { LineReader } from './request-lines.js';

/** A value to embed, read from one input line of `rxllm embed`. */
export interface EmbedRequest {
  readonly ok: true;
  readonly id: RequestId;
  readonly lineNo: number;
  /** The text to embed (never empty). */
  readonly text: string;
}

/**
 * Parses one input line of `rxllm embed`. Blank lines are not requests (`undefined`). JSONL: an object with
 * `text` (a non-empty string) and an optional `id` (string or number; default the line number); other
 * fields are ignored. Text: the line is the text and its number the id.
 *
 * @example
 * parseEmbedLine('{"id":"doc-1","text":"A cat sat."}', 1, 'jsonl'); // { ok: true, id: 'doc-1', lineNo: 1, text: 'A cat sat.' }
 */
export function parseEmbedLine(text: string, lineNo: number, format: InputFormat): EmbedRequest | BadLine | undefined {
  if (text.trim() === '') return undefined;
  if (format === 'text') return { ok: true, id: lineNo, lineNo, text };
  const read = readJsonLine(text, lineNo);
  if (!read.ok) return read;
  const { line, id } = read;
  const body = line['text'];
  if (body === undefined) return badLine(id, lineNo, 'missing "text" (the text to embed)');
  if (typeof body !== 'string') return badLine(id, lineNo, '"text" must be a string');
  if (body === '') return badLine(id, lineNo, '"text" is empty (the embedding APIs reject empty texts)');
  return { ok: true, id, lineNo, text: body };
}

/**
 * What an embedding result answers: the hash of the line's text (not its id, not the command line: a
 * resume with another `--dimensions` keeps the vectors already written); a bad line's from its text.
 *
 * @example
 * embedRequestHash(parseEmbedLine('{"id":"a","text":"Hi"}', 1, 'jsonl')!, line); // '9c1f0e7d2b3a4c5d'
 */
export function embedRequestHash(line: EmbedRequest | BadLine, text: string): string {
  return line.ok ? shortHash(['rxllm-embed/1', line.text]) : badLineHash(text);
}

/** `rxllm embed`'s lines: texts and their hash. */
export const EMBED_LINES: LineReader<EmbedRequest> = { parse: parseEmbedLine, hash: embedRequestHash };

