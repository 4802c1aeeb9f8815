import { isInvalidOutputError } from '../errors/invalid-output-error.js';
import type { LlmError } from '../errors/llm-error.js';
import { redact, redactKnownSecrets } from '../errors/redact.js';
import type { FinishReason, Generation, Usage } from '../core/generation.js';
import type { RequestId } from './parse-request-line.js';

/** One line of `rxllm run`'s output: a result, or an `error`. */
export interface OutputRecord {
  readonly id: RequestId;
  /** The input line it answers (1-based). */
  readonly line: number;
  /** What it answers: `requestHash` of the line's request, compared by a resume to spot a changed input. */
  readonly requestHash?: string;
  readonly text?: string;
  /** With `--schema`: the object, valid against the schema. */
  readonly object?: unknown;
  readonly finishReason?: FinishReason;
  readonly usage?: Usage;
  /** From the first request sent for the line to its outcome, retries and their waits included. */
  readonly latencyMs?: number;
  /** Requests sent for the line (1 + retries; 0 for a line that was not a valid request). */
  readonly attempts: number;
  readonly error?: {
    readonly name: string;
    readonly message: string;
    readonly statusCode?: number;
    /** What the model answered, when that was the failure (`InvalidOutputError`: not JSON, not valid against the schema). */
    readonly text?: string;
  };
}

/**
 * The record of a line that succeeded; with `--schema`, the generation's `object` too. Registered secrets
 * (an API key an upstream echoed) are removed from the text and the object.
 *
 * @example
 * successRecord('a', 1, '3f2a9c0d1e4b5a67', generation, 123.4, 1);
 * // { id: 'a', line: 1, requestHash: '3f2a9c0d1e4b5a67', text, finishReason, usage, latencyMs: 123, attempts: 1 }
 */
export function successRecord(
  id: RequestId,
  line: number,
  requestHash: string | undefined,
  generation: Generation & { readonly object?: unknown },
  latencyMs: number,
  attempts: number,
): OutputRecord {
  return {
    id,
    line,
    ...(requestHash !== undefined ? { requestHash } : {}),
    text: redactKnownSecrets(generation.text),
    ...('object' in generation ? { object: redactObject(generation.object) } : {}),
    finishReason: generation.finishReason,
    ...(generation.usage ? { usage: generation.usage } : {}),
    latencyMs: Math.round(latencyMs),
    attempts,
  };
}

/** A value with every registered secret removed from its strings (a JSON round trip: objects are JSON). */
function redactObject(value: unknown): unknown {
  const json = JSON.stringify(value);
  if (json === undefined) return value;
  const clean = redactKnownSecrets(json);
  return clean === json ? value : (JSON.parse(clean) as unknown);
}

/**
 * The record of a line that failed: the typed error's `name`, its `message` (redacted, also when it is not an
 * rxllm error) and `statusCode`; for an answer that was not what was asked for (`InvalidOutputError`), the
 * answer's `text` (registered secrets removed, as in a success record) and the `usage` it cost.
 *
 * @example
 * failureRecord(7, 7, '0b1c2d3e4f5a6b7c', { name: 'BadLineError', message: 'line 7: not valid JSON' }, undefined, 0);
 */
export function failureRecord(
  id: RequestId,
  line: number,
  requestHash: string | undefined,
  error: Pick<LlmError, 'name' | 'message'> & { readonly statusCode?: number | undefined; readonly usage?: Usage | undefined },
  latencyMs: number | undefined,
  attempts: number,
): OutputRecord {
  const text = isInvalidOutputError(error) ? redactKnownSecrets(error.text) : undefined;
  return {
    id,
    line,
    ...(requestHash !== undefined ? { requestHash } : {}),
    error: {
      name: error.name,
      message: redact(error.message),
      ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
      ...(text !== undefined ? { text } : {}),
    },
    ...(error.usage !== undefined ? { usage: error.usage } : {}),
    ...(latencyMs !== undefined ? { latencyMs: Math.round(latencyMs) } : {}),
    attempts,
  };
}

/** One success line of `rxllm embed`'s output: the id, what it answers, the vector. */
export interface EmbeddingRecord {
  readonly id: RequestId;
  /** The hash of the line's text (see `embedRequestHash`), compared by a resume to spot a changed input. */
  readonly requestHash: string;
  readonly embedding: readonly number[];
}

/**
 * The record of a line of `rxllm embed` that was embedded (its failures use `failureRecord`).
 *
 * @example
 * embeddingRecord('doc-1', '9c1f0e7d2b3a4c5d', [0.12, -0.03]); // { id: 'doc-1', requestHash: '9c1f0e7d2b3a4c5d', embedding: [0.12, -0.03] }
 */
export function embeddingRecord(id: RequestId, requestHash: string, embedding: readonly number[]): EmbeddingRecord {
  return { id, requestHash, embedding };
}
