import { defer, type Observable } from 'rxjs';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { LlmError } from '../errors/llm-error.js';
import { validateCallOptions } from '../core/call-settings.js';
import type { Generation } from '../core/generation.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { LanguageModel } from '../core/language-model.js';
import { checkBoolean, checkCount, checkOptions, describe } from '../core/validate.js';
import { DEFAULT_CONCURRENCY, type ConcurrencyLimit, type GenerateOptions, type GenerateOutput, type GenerationFailure } from './generate-options.js';
import { policyAttempt, type Attempt } from '../policies/policy-chain.js';
import type { RateLimitRequest } from '../policies/rate-limiter/rate-limits.js';
import { abortErrorFor, endOnAbort } from '../platform/abort-signal.js';
import { checkJob, jobFacts, type PromptJob } from './prompt-job.js';
import type { EngineConfig, EngineRun } from './run-engine.js';

/** `GenerateOptions`, checked, with defaults applied. */
export interface GenerateSettings {
  /** The concurrency limit and the order: the same in every engine config built from these settings. */
  readonly run: EngineRun;
  readonly emitErrors: boolean;
  readonly withIndex: boolean;
  readonly options: GenerateOptions;
  /** Wraps one request in the policies that are set (retry, rate limit, adaptive observe, timeout). */
  readonly attempt: Attempt;
}

/** Every `GenerateOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<GenerateOptions> = {
  concurrency: true, ordered: true, reorderBuffer: true, errors: true, withIndex: true, callOptions: true, retry: true, timeout: true, rateLimit: true,
};

/** Checks `options` (throwing `InvalidArgumentError` naming the option) and applies the defaults. */
export function resolveGenerateOptions(options: GenerateOptions | undefined | null, known: object = OPTION_NAMES): GenerateSettings {
  checkOptions('options', options ?? undefined);
  const o: GenerateOptions = options ?? {};
  checkKnownKeys('options', o, known);
  const { concurrency = DEFAULT_CONCURRENCY, ordered = false, errors = 'throw', withIndex = false } = o;
  if (errors !== 'throw' && errors !== 'emit') {
    throw new InvalidArgumentError('errors', `must be "throw" or "emit", got ${typeof errors === 'string' ? JSON.stringify(errors) : describe(errors)}`);
  }
  checkBoolean('ordered', ordered);
  checkBoolean('withIndex', withIndex);
  validateCallOptions(o.callOptions, 'callOptions'); // at once, not at the first prompt
  const reorder = o.reorderBuffer;
  if (reorder !== undefined) checkCount('reorderBuffer', reorder, 0);
  const reorderBuffer = reorder === undefined ? (limit: number) => limit : () => reorder;
  const base = { emitErrors: errors === 'emit', withIndex, options: o };
  if (typeof concurrency === 'number') {
    checkCount('concurrency', concurrency, 1);
    return { ...base, run: { limit: () => concurrency, ordered, reorderBuffer }, attempt: policyAttempt(o, undefined) };
  }
  const dynamic = checkLimitObject(concurrency);
  const observe = typeof dynamic.observe === 'function' ? <T>() => dynamic.observe!<T>() : undefined;
  return { ...base, run: { limit: () => dynamic.limit, changes: dynamic.changes, ordered, reorderBuffer }, attempt: policyAttempt(o, observe) };
}

function checkLimitObject(value: unknown): ConcurrencyLimit {
  const v = value as Partial<ConcurrencyLimit> | null;
  if (typeof v !== 'object' || v === null || typeof v.limit !== 'number' || typeof v.changes?.subscribe !== 'function') {
    throw new InvalidArgumentError(
      'concurrency',
      `must be a positive integer, Infinity or a { limit, changes } object, got ${describe(value)}`,
    );
  }
  return v as ConcurrencyLimit;
}

/**
 * One unit of work's call (a prompt, a batch) behind the per-request policies (`settings.attempt`, with
 * `request` for the rate limiter). `call` is cold: each attempt subscribes (sends) again, and calls
 * `onAttempt` first (to count it). The caller's `signal` ends the work wherever it is — a retry wait, the
 * rate limiter's queue, a request — at once with `AbortError` (of `provider`), which frees its slot.
 */
export function attemptCall<T>(
  settings: GenerateSettings,
  call: Observable<T>,
  onAttempt: () => void,
  request: RateLimitRequest | number,
  signal: AbortSignal | undefined,
  provider: string,
): Observable<T> {
  const counted = defer(() => {
    onAttempt();
    return call;
  });
  const work = settings.attempt(counted, request);
  return signal === undefined ? work : work.pipe(endOnAbort(signal, abortErrorFor(provider)));
}

/**
 * The work of one job: check the prompt (an invalid one throws, failing that prompt alone), then one model
 * call with the per-request policies around it (`attemptCall`). Each attempt counts in `job.attempts`; the
 * prompt's effective `callOptions.signal` ends it.
 */
export function promptWork(model: LanguageModel, settings: GenerateSettings): (job: PromptJob, index: number) => Observable<Generation> {
  const base = settings.options.callOptions;
  return (job, index) => {
    const { input, callOptions } = checkJob(job, index, base);
    const maxTokens = callOptions?.maxTokens;
    return attemptCall(
      settings,
      model.generate(input, callOptions),
      () => job.attempts++,
      maxTokens === undefined ? { input } : { input, maxTokens },
      callOptions?.signal,
      model.provider,
    );
  };
}

/** The engine config of `generate`/`generateFrom`: work, output mapping and error mode. */
export function engineConfig(model: LanguageModel, settings: GenerateSettings): EngineConfig<PromptJob, Generation, GenerateOutput> {
  return {
    ...settings.run,
    work: promptWork(model, settings),
    toResult: settings.withIndex ? (generation, job, index) => ({ ok: true, index, ...jobFacts(job), generation }) : (generation) => generation,
    ...(settings.emitErrors ? { toFailure: failureRecord } : {}),
  };
}

/** The `GenerationFailure` of job `index`. */
export function failureRecord(error: LlmError, job: PromptJob, index: number): GenerationFailure {
  return { ok: false, index, ...jobFacts(job), error };
}
