import { concat, defer, ignoreElements, map, Observable, of } from 'rxjs';
import { asLlmError } from '../errors/as-llm-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { LlmError } from '../errors/llm-error.js';
import type { Generation } from '../core/generation.js';
import type { KnownKeys } from '../core/known-keys.js';
import { checkLanguageModel, isBatchLanguageModel, type BatchLanguageModel, type LanguageModel } from '../core/language-model.js';
import type { PromptInput } from '../core/prompt.js';
import { checkCount, checkOptions, describe } from '../core/validate.js';
import { batchWork, buildResult, type Batch } from '../engine/batch-work.js';
import { iterableFeed } from '../engine/feeds.js';
import type { GenerateAllOptions, LLMResult } from '../engine/generate-all-options.js';
import { checkPrompt, type PromptJob } from '../engine/prompt-job.js';
import { failureRecord, promptWork, resolveGenerateOptions } from '../engine/resolve-options.js';
import { runEngine } from '../engine/run-engine.js';

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
  checkLanguageModel(model);
  if (typeof prompts === 'string' || typeof (prompts as Partial<Iterable<unknown>> | null)?.[Symbol.iterator] !== 'function') {
    throw new InvalidArgumentError('prompts', `must be an array (or iterable) of prompts, got ${describe(prompts)}`);
  }
  checkOptions('options', options ?? undefined);
  const { batchSize = 20, ...rest } = options ?? {};
  checkCount('batchSize', batchSize, 1);
  const settings = resolveGenerateOptions(rest, ALL_OPTIONS);
  const list: unknown[] = Array.from(prompts);
  const valid: number[] = [];
  const invalid = new Map<number, LlmError>();
  list.forEach((input, index) => {
    try {
      checkPrompt(input, `prompts[${index}]`);
      valid.push(index);
    } catch (error) {
      if (!settings.emitErrors) throw error;
      invalid.set(index, asLlmError(error));
    }
  });
  const batching = isBatchLanguageModel(model);
  const size = batching ? batchSize : 1;
  const batches: Batch[] = [];
  for (let i = 0; i < valid.length; i += size) batches.push(valid.slice(i, i + size));

  return defer(() => {
    const jobs: PromptJob[] = list.map((item) => ({ item, attempts: 0 }));
    const single = promptWork(model, settings);
    const work = batching
      ? batchWork(model, jobs, settings)
      : ([index]: Batch) => single(jobs[index as number]!, index as number).pipe(map((g) => [g]));
    const generations: (Generation | undefined)[] = new Array(list.length);
    const failures = [...invalid].map(([index, error]) => failureRecord(error, jobs[index]!, index));
    const engine = new Observable<void>((subscriber) =>
      runEngine<Batch, readonly Generation[], void>(
        subscriber,
        {
          ...settings.run, // never ordered: generateAll takes no `ordered` (the result is in input order anyway)
          work,
          toResult: (answers, batch) => batch.forEach((index, k) => (generations[index] = answers[k])),
          ...(settings.emitErrors
            ? { toFailure: (error, batch) => batch.forEach((i) => failures.push(failureRecord(error, jobs[i]!, i))) }
            : {}),
        },
        (sink) => iterableFeed(batches, sink),
      ),
    );
    return concat(engine.pipe(ignoreElements()), defer(() => of(buildResult(generations, failures))));
  });
}
