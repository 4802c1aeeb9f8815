import type { Observable } from 'rxjs';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { EmbedCallOptions } from './embedding-settings.js';
import type { Usage } from './generation.js';
import { describe } from './validate.js';

/** The result of `EmbeddingModel.embed`: one vector per value, in the order of the values. */
export interface EmbeddingResult {
  /** One vector per value sent, in the same order (`embeddings[i]` belongs to `values[i]`). */
  readonly embeddings: number[][];
  /**
   * Token usage as reported by the provider: `inputTokens` (= `totalTokens`); `outputTokens` is always 0.
   * Absent only when the provider reported none.
   */
  readonly usage?: Usage;
  /** The provider key, e.g. `"openai.embedding"`. */
  readonly provider: string;
  /** The model id the provider answered with (falls back to the one requested). */
  readonly modelId: string;
  /** The provider's request id (`x-request-id` header), when it sent one. */
  readonly requestId?: string;
}

/**
 * The contract of every embedding provider. `embed` returns a **cold** Observable: nothing is sent until
 * subscribe, each subscription sends its own request, and unsubscribing aborts it.
 *
 * @example
 * const model = openAIEmbedding({ model: 'text-embedding-3-small' });
 * model.embed(['first text', 'second text']).subscribe((r) => console.log(r.embeddings.length)); // 2
 */
export interface EmbeddingModel {
  /** The provider key, e.g. `"openai.embedding"`, `"fake"`. */
  readonly provider: string;
  /** The model id requests are sent with. */
  readonly modelId: string;
  /** The most values one `embed` call takes (OpenAI: 2,048); `embedFrom` never sends more. @default no limit */
  readonly maxBatchSize?: number;
  /**
   * Embeds `values` in one request: emits ONE `EmbeddingResult` (one vector per value, in order), then
   * completes. An empty list emits `{ embeddings: [] }` without a request.
   */
  embed(values: readonly string[], options?: EmbedCallOptions): Observable<EmbeddingResult>;
}

/**
 * Throws `InvalidArgumentError` naming `argument` unless `value` looks like an `EmbeddingModel` (an object
 * with an `embed` method). The one check every function taking an embedding model uses.
 *
 * @example
 * checkEmbeddingModel(model); // in embedFrom
 */
export function checkEmbeddingModel(value: unknown, argument = 'model'): asserts value is EmbeddingModel {
  const m = value as Partial<EmbeddingModel> | null;
  if (typeof m !== 'object' || m === null || typeof m.embed !== 'function') {
    throw new InvalidArgumentError(argument, `must be an EmbeddingModel (with an embed method), got ${describe(value)}`);
  }
}

/**
 * Throws `InvalidArgumentError` unless `values` is an array of non-empty strings (the APIs reject an empty
 * string with a 400 for the whole request) of at most `maxBatchSize` entries. Each bad entry is named
 * (`values[3]`).
 *
 * @example
 * checkEmbedValues(values, 2048);
 */
export function checkEmbedValues(values: unknown, maxBatchSize: number | undefined, argument = 'values'): asserts values is readonly string[] {
  if (!Array.isArray(values)) throw new InvalidArgumentError(argument, `must be an array of strings, got ${describe(values)}`);
  if (maxBatchSize !== undefined && values.length > maxBatchSize) {
    throw new InvalidArgumentError(argument, `has ${values.length} values; at most ${maxBatchSize} go in one request (embedFrom batches any number)`);
  }
  values.forEach((v: unknown, i) => checkEmbedValue(v, `${argument}[${i}]`));
}

/** Throws `InvalidArgumentError` naming `argument` unless `value` is a non-empty string. */
export function checkEmbedValue(value: unknown, argument: string): asserts value is string {
  if (typeof value !== 'string') throw new InvalidArgumentError(argument, `must be a string, got ${describe(value)}`);
  if (value === '') throw new InvalidArgumentError(argument, 'must not be empty (the embedding APIs reject empty strings)');
}
