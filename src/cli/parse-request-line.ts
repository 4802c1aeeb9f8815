import { isLlmError } from '../errors/llm-error.js';
import type { CallSettings } from '../core/call-settings.js';
import { normalizePrompt, type PromptInput } from '../core/prompt.js';

/** How input lines are read: JSON requests or plain-text prompts. */
export type InputFormat = 'jsonl' | 'text';

/** The id of a request: the line's `id`, else its line number. */
export type RequestId = string | number;

/** A request read from one input line. */
export interface RunRequest {
  readonly ok: true;
  readonly id: RequestId;
  readonly lineNo: number;
  readonly prompt: PromptInput;
  /** Per-line settings (`temperature`, `maxTokens`, `stop`, `topP`), over the command-line ones. */
  readonly settings: CallSettings;
}

/** A line that is not a valid request: it becomes an error record, and the run goes on. */
export interface BadLine {
  readonly ok: false;
  readonly id: RequestId;
  readonly lineNo: number;
  readonly message: string;
}

/**
 * Parses one input line. Blank lines are not requests (`undefined`). JSONL: an object with `prompt` (a
 * string) or `messages` (`[{ role, content }]`), an optional `id` (string or number; default the line
 * number) and optional settings `temperature`, `maxTokens` (or `max_tokens`), `stop`, `topP` (or `top_p`);
 * other fields are ignored. Text: the line is the prompt and its number the id.
 *
 * @example
 * parseRequestLine('{"id":"a","prompt":"Hi","temperature":0}', 1, 'jsonl');
 * // { ok: true, id: 'a', lineNo: 1, prompt: 'Hi', settings: { temperature: 0 } }
 */
export function parseRequestLine(text: string, lineNo: number, format: InputFormat): RunRequest | BadLine | undefined {
  if (text.trim() === '') return undefined;
  if (format === 'text') return { ok: true, id: lineNo, lineNo, prompt: text, settings: {} };
  const read = readJsonLine(text, lineNo);
  if (!read.ok) return read;
  const { line, id } = read;
  try {
    return { ok: true, id, lineNo, prompt: readPrompt(line), settings: readSettings(line) };
  } catch (error) {
    return badLine(id, lineNo, error instanceof Error ? error.message.replace(/^Invalid argument /, '') : String(error));
  }
}

function readPrompt(line: Record<string, unknown>): PromptInput {
  const { prompt, messages } = line;
  if (prompt !== undefined && messages !== undefined) throw new Error('give "prompt" or "messages", not both');
  if (typeof prompt === 'string') return prompt;
  if (prompt !== undefined) throw new Error('"prompt" must be a string');
  if (messages === undefined) throw new Error('missing "prompt" (a string) or "messages" (a list of { role, content })');
  try {
    return normalizePrompt(messages, 'messages');
  } catch (error) {
    throw new Error(isLlmError(error) ? error.message : String(error));
  }
}

function readSettings(line: Record<string, unknown>): CallSettings {
  const settings: { -readonly [K in keyof CallSettings]: CallSettings[K] } = {};
  const temperature = line['temperature'];
  if (temperature !== undefined) settings.temperature = number('temperature', temperature, 0);
  const maxTokens = line['maxTokens'] ?? line['max_tokens'];
  if (maxTokens !== undefined) {
    settings.maxTokens = number('maxTokens', maxTokens, 1);
    if (!Number.isInteger(settings.maxTokens)) throw new Error('"maxTokens" must be an integer');
  }
  const topP = line['topP'] ?? line['top_p'];
  if (topP !== undefined) settings.topP = number('topP', topP, 0);
  const stop = line['stop'];
  if (stop !== undefined) {
    const ok = typeof stop === 'string' || (Array.isArray(stop) && stop.every((s) => typeof s === 'string'));
    if (!ok) throw new Error('"stop" must be a string or a list of strings');
    settings.stop = stop as string | string[];
  }
  return settings;
}

function number(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) throw new Error(`"${name}" must be a number >= ${min}`);
  return value;
}

/**
 * The rule every JSONL input line follows, whatever the command: a JSON object whose `id` (a string or a
 * finite number) defaults to the line number. Returns the object and its id, or the line's `BadLine`.
 *
 * @example
 * readJsonLine('{"id":"a","text":"Hi"}', 3); // { ok: true, line: { id: 'a', text: 'Hi' }, id: 'a' }
 */
export function readJsonLine(text: string, lineNo: number): { readonly ok: true; readonly line: Readonly<Record<string, unknown>>; readonly id: RequestId } | BadLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return badLine(lineNo, lineNo, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return badLine(lineNo, lineNo, 'expected a JSON object');
  const line = value as Record<string, unknown>;
  const id = line['id'] ?? lineNo;
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) return badLine(lineNo, lineNo, '"id" must be a string or a number');
  return { ok: true, line, id };
}

/** A bad line's record: its message names the line. */
export function badLine(id: RequestId, lineNo: number, message: string): BadLine {
  return { ok: false, id, lineNo, message: `line ${lineNo}: ${message}` };
}

/**
 * The input format: `--format` if given, else from the file name (`.jsonl`, `.ndjson`, `.json` → jsonl;
 * `.txt` → text), else from the first non-blank line (`{` → jsonl).
 *
 * @example
 * resolveFormat(undefined, '-', '{"prompt":"Hi"}'); // 'jsonl'
 */
export function resolveFormat(flag: InputFormat | undefined, path: string, firstLine: string): InputFormat {
  if (flag) return flag;
  if (/\.(jsonl|ndjson|json)$/i.test(path)) return 'jsonl';
  if (/\.txt$/i.test(path)) return 'text';
  return firstLine.trimStart().startsWith('{') ? 'jsonl' : 'text';
}
