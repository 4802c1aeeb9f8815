import type { Observable } from 'rxjs';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { LlmError } from '../errors/llm-error.js';
import { checkKnownKeys, type KnownKeys } from '../model/check-known-keys.js';
import type { Generation } from '../model/generation.js';
import type { LanguageModel } from '../model/language-model.js';
import { describe, normalizePrompt, type PromptInput } from '../model/prompt.js';
import { validateCallOptions } from '../providers/call-settings-internals.js';
import type { EngineConfig } from './generate-internals.js';
import { policyAttempt, type Attempt } from './generate-policies-internals.js';
import { DEFAULT_CONCURRENCY, type ConcurrencyLimit, type GenerateOptions, type GenerateOutput, type GenerationFailure } from './generate-options.js';

/** `GenerateOptions`, checked, with defaults applied. */
export interface GenerateSettings {
  readonly limit: () => number;
  readonly changes?: Observable<unknown>;
  readonly ordered: boolean;
  readonly reorderBuffer: (limit: number) => number;
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
export function resolveGenerateOptions(options: GenerateOptions | undefined, known: object = OPTION_NAMES): GenerateSettings {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object') throw new InvalidArgumentError('options', `must be an object, got ${describe(options)}`);
  checkKnownKeys('options', options, known);
  const { concurrency = DEFAULT_CONCURRENCY, ordered = false, errors = 'throw', withIndex = false } = options;
  if (errors !== 'throw' && errors !== 'emit') {
    throw new InvalidArgumentError('errors', `must be "throw" or "emit", got ${typeof errors === 'string' ? JSON.stringify(errors) : describe(errors)}`);
  }
  if (typeof ordered !== 'boolean') throw new InvalidArgumentError('ordered', `must be a boolean, got ${describe(ordered)}`);
  if (typeof withIndex !== 'boolean') throw new InvalidArgumentError('withIndex', `must be a boolean, got ${describe(withIndex)}`);
  if (options.callOptions !== undefined && (typeof options.callOptions !== 'object' || options.callOptions === null)) {
    throw new InvalidArgumentError('callOptions', `must be an object, got ${describe(options.callOptions)}`);
  }
  checkCallOptions(options.callOptions);
  const reorder = options.reorderBuffer;
  if (reorder !== undefined) checkCount('reorderBuffer', reorder, 0);
  const reorderBuffer = reorder === undefined ? (limit: number) => limit : () => reorder;
  const base = { ordered, reorderBuffer, emitErrors: errors === 'emit', withIndex, options };
  if (typeof concurrency === 'number') {
    checkCount('concurrency', concurrency, 1);
    return { ...base, limit: () => concurrency, attempt: policyAttempt(options, undefined) };
  }
  const dynamic = checkLimitObject(concurrency);
  const observe = typeof dynamic.observe === 'function' ? <T>() => dynamic.observe!<T>() : undefined;
  return { ...base, limit: () => dynamic.limit, changes: dynamic.changes, attempt: policyAttempt(options, observe) };
}

export function checkCount(name: string, value: unknown, min: number): void {
  const ok = typeof value === 'number' && value >= min && (Number.isInteger(value) || value === Infinity);
  if (!ok) {
    const shown = typeof value === 'number' && !Number.isNaN(value) ? String(value) : describe(value);
    throw new InvalidArgumentError(name, `must be an integer >= ${min} or Infinity, got ${shown}`);
  }
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

/** Checks the per-call settings at once (not at the first prompt), naming them `callOptions.<setting>`. */
function checkCallOptions(callOptions: unknown): void {
  try {
    validateCallOptions(callOptions);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new InvalidArgumentError(error.argument.replace(/^options\b/, 'callOptions'), error.message.replace(/^Invalid argument "[^"]*": /, ''));
  }
}

/** Checks that `model` looks like a `LanguageModel`. */
export function checkModel(model: unknown): asserts model is LanguageModel {
  const m = model as Partial<LanguageModel> | null;
  if (typeof m !== 'object' || m === null || typeof m.generate !== 'function') {
    throw new InvalidArgumentError('model', `must be a LanguageModel (with a generate method), got ${describe(model)}`);
  }
}

/** Throws `InvalidArgumentError` naming `prompts[index]` unless `input` is a valid prompt. */
export function checkPrompt(input: unknown, index: number): asserts input is PromptInput {
  if (typeof input !== 'string') normalizePrompt(input, `prompts[${index}]`);
}

/** The per-prompt work: validate the prompt, then one model call with the per-request policies around it. */
export function promptWork(model: LanguageModel, settings: GenerateSettings): (input: PromptInput, index: number) => Observable<Generation> {
  const callOptions = settings.options.callOptions;
  const maxTokens = callOptions?.maxTokens;
  return (input, index) => {
    checkPrompt(input, index);
    return settings.attempt(model.generate(input, callOptions), maxTokens === undefined ? { input } : { input, maxTokens });
  };
}

/** The engine config of `generate`/`generateFrom`: work, output mapping and error mode. */
export function engineConfig(model: LanguageModel, settings: GenerateSettings): EngineConfig<PromptInput, Generation, GenerateOutput> {
  return {
    limit: settings.limit,
    ...(settings.changes ? { changes: settings.changes } : {}),
    ordered: settings.ordered,
    reorderBuffer: settings.reorderBuffer,
    work: promptWork(model, settings),
    toResult: settings.withIndex ? (generation, input, index) => ({ ok: true, index, input, generation }) : (generation) => generation,
    ...(settings.emitErrors ? { toFailure: failureRecord } : {}),
  };
}

/** A `GenerationFailure`. */
export function failureRecord(error: LlmError, input: PromptInput, index: number): GenerationFailure {
  return { ok: false, index, input, error };
}
