import { map, of } from 'rxjs';
import { checkEmbedValue, type EmbeddingModel, type EmbeddingResult } from '../core/embedding-model.js';
import { validateEmbedCallOptions, type EmbedCallOptions } from '../core/embedding-settings.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { checkCount, checkNumber, checkOptions, isPlainObject, schedulerOf } from '../core/validate.js';
import { asLlmError } from '../errors/as-llm-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { LlmError } from '../errors/llm-error.js';
import type { BatchRules, EmbedBatch } from './embed-batches.js';
import {
  DEFAULT_EMBED_BATCH_SIZE,
  DEFAULT_MAX_BATCH_TOKENS,
  DEFAULT_MAX_BATCH_WAIT_MS,
  type EmbedItem,
  type EmbedOptions,
  type EmbedOutcome,
  type EmbeddingFailure,
} from './embed-options.js';
import { attemptCall, resolveGenerateOptions, type GenerateSettings } from './resolve-options.js';
import type { EngineConfig } from './run-engine.js';

/** Every `EmbedOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<EmbedOptions> = {
  batchSize: true, maxBatchTokens: true, maxBatchWaitMs: true, concurrency: true, ordered: true, reorderBuffer: true, errors: true,
  callOptions: true, retry: true, timeout: true, rateLimit: true,
};
/** Every `EmbedItem` name. */
const ITEM_NAMES: KnownKeys<EmbedItem> = { value: true, meta: true };

/** `EmbedOptions`, checked, with defaults applied. */
export interface EmbedSettings {
  /** The engine settings shared with `generateFrom` (concurrency, order, error mode, per-request policies). */
  readonly engine: GenerateSettings;
  readonly rules: BatchRules;
  readonly callOptions: EmbedCallOptions | undefined;
}

/** Checks `options` for `model` (throwing `InvalidArgumentError` naming the option) and applies the defaults. */
export function resolveEmbedOptions(model: EmbeddingModel, options: EmbedOptions | undefined | null): EmbedSettings {
  checkOptions('options', options ?? undefined);
  const o: EmbedOptions = options ?? {};
  checkKnownKeys('options', o, OPTION_NAMES);
  const { batchSize, maxBatchTokens = DEFAULT_MAX_BATCH_TOKENS, maxBatchWaitMs = DEFAULT_MAX_BATCH_WAIT_MS, callOptions, ...rest } = o;
  const max = model.maxBatchSize;
  const size = batchSize ?? Math.min(DEFAULT_EMBED_BATCH_SIZE, max ?? Infinity);
  checkCount('batchSize', size, 1);
  if (max !== undefined && size > max) {
    throw new InvalidArgumentError('batchSize', `must be at most ${max} (the most values ${model.provider} takes in one request), got ${size}`);
  }
  checkNumber('maxBatchTokens', maxBatchTokens, { min: 1, allowInfinity: true });
  checkNumber('maxBatchWaitMs', maxBatchWaitMs, { allowInfinity: true });
  const call = callOptions === undefined ? undefined : validateEmbedCallOptions(callOptions, 'callOptions');
  const engine = resolveGenerateOptions(rest, OPTION_NAMES);
  const exactTokens = rest.rateLimit?.limitsTokens === true;
  return { engine, rules: { size, maxTokens: maxBatchTokens, exactTokens, maxWaitMs: maxBatchWaitMs, scheduler: schedulerOf(undefined) }, callOptions: call };
}

/** The engine config of `embedFrom`: one `model.embed` per batch, one output per value of it. */
export function embedEngineConfig(model: EmbeddingModel, settings: EmbedSettings): EngineConfig<EmbedBatch, EmbeddingResult, readonly EmbedOutcome[]> {
  const { engine, callOptions } = settings;
  return {
    ...engine.run,
    work: (batch) => {
      const texts = batch.texts.filter((t): t is string => t !== undefined);
      if (texts.length < batch.items.length && !engine.emitErrors) {
        const k = batch.texts.indexOf(undefined);
        throw invalidValueError(batch.items[k], batch.first + k);
      }
      if (texts.length === 0) return of<EmbeddingResult>({ embeddings: [], provider: model.provider, modelId: model.modelId });
      const call = model.embed(texts, callOptions).pipe(map((result) => checkResult(result, texts.length)));
      return attemptCall(engine, call, () => batch.attempts++, batch.tokens, callOptions?.signal, model.provider);
    },
    toResult: (result, batch) => outcomes(batch, (k) => result.embeddings[k] as number[]),
    ...(engine.emitErrors ? { toFailure: (error: LlmError, batch: EmbedBatch) => outcomes(batch, undefined, error) } : {}),
  };
}

/** One outcome per value of `batch`: its embedding (the k-th of the valid values), else a failure. */
function outcomes(batch: EmbedBatch, embeddingOf: ((k: number) => number[]) | undefined, error?: LlmError): EmbedOutcome[] {
  const out: EmbedOutcome[] = new Array<EmbedOutcome>(batch.items.length);
  let k = 0;
  for (let i = 0; i < batch.items.length; i++) {
    const item = batch.items[i];
    const text = batch.texts[i];
    const index = batch.first + i;
    const record: { -readonly [K in keyof EmbeddingFailure]: EmbeddingFailure[K] } | Record<string, unknown> =
      text === undefined
        ? { ok: false, index, value: valueOf(item) as string, error: asLlmError(invalidValueError(item, index)), attempts: 0 }
        : embeddingOf === undefined
          ? { ok: false, index, value: text, error: error as LlmError, attempts: batch.attempts }
          : { ok: true, index, value: text, embedding: embeddingOf(k++), attempts: batch.attempts };
    if (isPlainObject(item) && Object.prototype.hasOwnProperty.call(item, 'meta')) record.meta = item['meta'];
    out[i] = record as EmbedOutcome;
  }
  return out;
}

/** What a failure reports as the value: a string as it is, an item's `value`, else the value itself. */
function valueOf(item: unknown): unknown {
  return isPlainObject(item) && Object.prototype.hasOwnProperty.call(item, 'value') ? item['value'] : item;
}

/** The `InvalidArgumentError` of the invalid value at `index` (`values[7]`, `values[7].value`...). */
function invalidValueError(item: unknown, index: number): InvalidArgumentError {
  const at = `values[${index}]`;
  try {
    if (isPlainObject(item)) {
      checkKnownKeys(at, item, ITEM_NAMES);
      checkEmbedValue(item['value'], `${at}.value`);
    } else {
      checkEmbedValue(item, at);
    }
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error;
    throw error;
  }
  return new InvalidArgumentError(at, 'is not a valid value');
}

function checkResult(result: EmbeddingResult, count: number): EmbeddingResult {
  const embeddings = (result as Partial<EmbeddingResult> | null)?.embeddings;
  if (!Array.isArray(embeddings) || embeddings.length !== count) {
    throw new LlmError(`embed answered ${Array.isArray(embeddings) ? embeddings.length : 'no'} embeddings for ${count} values`);
  }
  return result;
}
