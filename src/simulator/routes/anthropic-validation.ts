import { SimHttpError } from '../error-bodies.js';

/** Anthropic's 400: `invalid_request_error` with a `path: problem` message. */
export function anthropicInvalid(path: string, problem: string): SimHttpError {
  return new SimHttpError('bad-request', { message: `${path}: ${problem}` });
}

/** The text of a `content`/`system` value: a string, or text blocks (other block types count as no text). */
export function blocksText(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) throw anthropicInvalid(path, 'Input should be a valid list');
  return value
    .map((block: unknown, i) => {
      if (block === null || typeof block !== 'object' || typeof (block as { type?: unknown }).type !== 'string') {
        throw anthropicInvalid(`${path}.${i}`, 'Input should be a valid dictionary or object with a string type');
      }
      const b = block as { type: string; text?: unknown };
      if (b.type !== 'text') return '';
      if (typeof b.text !== 'string') throw anthropicInvalid(`${path}.${i}.text`, 'Input should be a valid string');
      return b.text;
    })
    .join('');
}

/** `max_tokens`: a required integer >= 1. */
export function readMaxTokens(value: unknown): number {
  if (value === undefined) throw anthropicInvalid('max_tokens', 'Field required');
  if (typeof value !== 'number' || !Number.isInteger(value)) throw anthropicInvalid('max_tokens', 'Input should be a valid integer');
  if (value < 1) throw anthropicInvalid('max_tokens', 'Input should be greater than or equal to 1');
  return value;
}

/** `stop_sequences`: an optional list of strings. */
export function readStopSequences(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw anthropicInvalid('stop_sequences', 'Input should be a valid list');
  if (value.some((s) => typeof s !== 'string')) throw anthropicInvalid('stop_sequences', 'Input should be a list of strings');
  return value as string[];
}

/** `temperature`: an optional number in [0, 1]. */
export function readTemperature(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw anthropicInvalid('temperature', 'Input should be a valid number');
  if (value < 0) throw anthropicInvalid('temperature', 'Input should be greater than or equal to 0');
  if (value > 1) throw anthropicInvalid('temperature', 'Input should be less than or equal to 1');
  return value;
}
