import { concat, defer, ignoreElements, map, Observable, of } from 'rxjs';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { KnownKeys } from '../model/check-known-keys.js';
import type { Generation } from '../model/generation.js';
import type { LanguageModel } from '../model/language-model.js';
import { describe, type PromptInput } from '../model/prompt.js';
import { asLlmError, runEngine } from './generate-internals.js';
import { iterableFeed } from './generate-feed-internals.js';
import { isBatchLanguageModel, type BatchLanguageModel } from '../providers/batch-language-model.js';
import type { GenerateAllOptions, LLMResult } from './generate-all-options.js';
import type { GenerationFailure } from './generate-options.js';
import { batchWork, buildResult, type Batch } from './generate-all-internals.js';
import { checkCount, checkModel, checkPrompt, failureRecord, promptWork, resolveGenerateOptions } from './generate-settings-internals.js';

/** Every `GenerateAllOptions` name (any other throws `InvalidArgumentError`). */
const ALL_OPTIONS: KnownKeys<GenerateAllOptions> = {
  concurrency: true, errors: true, callOptions: true, retry: true, timeout: true, rateLimit: true, batchSize: true,
};

/**
 * Answers a whole list of prompts and emits one `LLMResult`, LangChain's `agenerate` shape:
 * `generations[i]` holds prompt i's outputs (one per choice) and `llmOutput.tokenUsage` the summed usage.
 *
 * A model with `generateBatch` (the OpenAI legacy completions model) gets `batchSize` prompts per request;
 * any other model gets one request per prompt. Either way at most `concurrency` requests run at once, with
 * the per-request policies (`retry`, `timeout`, `rateLimit`) around each.
 *
 * `errors: 'throw'` (default) errors the output on the first failure; `errors: 'emit'` lists failed
 * prompts in `failures` (their `generations` entry is empty). An invalid prompt throws
 * `InvalidArgumentError` at once with `'throw'`, or is a failure with `'emit'`.
 *
 * @param model The model (with or without `generateBatch`).
 * @param prompts The prompts (read once, at call time).
 * @param options Concurrency, error mode, per-call settings, policies and `batchSize`. @default `{ concurrency: 8, batchSize: 20 }`
 * @example
 * const result = await firstValueFrom(generateAll(model, ['Tell a joke', 'Tell a poem']));
 * result.generations[1][0].text; result.llmOutput.tokenUsage.totalTokens;
 */
export function generateAll(
  model: LanguageModel | BatchLanguageModel,
  prompts: Iterable<PromptInput>,
  options: GenerateAllOptions = {},
): Observable<LLMResult> {
  checkModel(model);
  if (typeof prompts === 'string' || typeof (prompts as Partial<Iterable<unknown>> | null)?.[Symbol.iterator] !== 'function') {
    throw new InvalidArgumentError('prompts', `must be an array (or iterable) of prompts, got ${describe(prompts)}`);
  }
  if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) {
    throw new InvalidArgumentError('options', `must be an object, got ${describe(options)}`);
  }
  const { batchSize = 20, ...rest } = options ?? {};
  checkCount('batchSize', batchSize, 1);
  const settings = resolveGenerateOptions(rest, ALL_OPTIONS);
  const list = Array.from(prompts);
  const invalid: GenerationFailure[] = [];
  const valid: number[] = [];
  list.forEach((input, index) => {
    try {
      checkPrompt(input, index);
      valid.push(index);
    } catch (error) {
      if (!settings.emitErrors) throw error;
      invalid.push(failureRecord(asLlmError(error), input, index));
    }
  });
  const batching = isBatchLanguageModel(model);
  const size = batching ? batchSize : 1;
  const batches: Batch[] = [];
  for (let i = 0; i < valid.length; i += size) batches.push(valid.slice(i, i + size));
  const single = promptWork(model, settings);
  const work = batching
    ? batchWork(model, list, settings)
    : ([index]: Batch) => single(list[index as number] as PromptInput, index as number).pipe(map((g) => [g]));

  return defer(() => {
    const generations: (Generation | undefined)[] = new Array(list.length);
    const failures = [...invalid];
    const engine = new Observable<void>((subscriber) =>
      runEngine<Batch, readonly Generation[], void>(
        subscriber,
        {
          limit: settings.limit,
          ...(settings.changes ? { changes: settings.changes } : {}),
          ordered: false,
          reorderBuffer: () => 0,
          work,
          toResult: (answers, batch) => batch.forEach((index, k) => (generations[index] = answers[k])),
          ...(settings.emitErrors
            ? { toFailure: (error, batch) => batch.forEach((i) => failures.push(failureRecord(error, list[i] as PromptInput, i))) }
            : {}),
        },
        (sink) => iterableFeed(batches, sink),
      ),
    );
    return concat(engine.pipe(ignoreElements()), defer(() => of(buildResult(generations, failures))));
  });
}
