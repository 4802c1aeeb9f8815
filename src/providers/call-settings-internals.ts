import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { CallOptions, CallSettings } from '../model/language-model.js';
import { checkKnownKeys, type KnownKeys } from '../model/check-known-keys.js';
import { describe } from '../model/prompt.js';

/** Every `CallSettings` name (a compile error when the type gains one that is not listed). */
export const SETTING_NAMES: KnownKeys<CallSettings> = {
  temperature: true, maxTokens: true, stop: true, topP: true, n: true, providerOptions: true, headers: true,
};
/** Every `CallOptions` name: the settings plus `signal` and `tags`. */
const CALL_OPTION_NAMES: KnownKeys<CallOptions> = { ...SETTING_NAMES, signal: true, tags: true };
/** Added to an unknown-option error when no known name is close: where provider-only fields go. */
export const PROVIDER_OPTIONS_HINT = 'provider-only body fields go in providerOptions';

const SETTING_KEYS = Object.keys(SETTING_NAMES) as (keyof CallSettings)[];

/** Checks the generation settings in `value` (a model's options or a call's options); throws `InvalidArgumentError`. */
export function validateSettings(value: CallSettings, prefix = ''): void {
  const arg = (name: string): string => `${prefix}${name}`;
  const { temperature, maxTokens, stop, topP, n, providerOptions, headers } = value;
  if (temperature !== undefined && !(typeof temperature === 'number' && Number.isFinite(temperature) && temperature >= 0)) {
    throw new InvalidArgumentError(arg('temperature'), `must be a finite number >= 0, got ${describe(temperature)}`);
  }
  if (maxTokens !== undefined && !isPositiveInteger(maxTokens)) {
    throw new InvalidArgumentError(arg('maxTokens'), `must be a positive integer, got ${describe(maxTokens)}`);
  }
  if (topP !== undefined && !(typeof topP === 'number' && topP >= 0 && topP <= 1)) {
    throw new InvalidArgumentError(arg('topP'), `must be a number from 0 to 1, got ${describe(topP)}`);
  }
  if (n !== undefined && !isPositiveInteger(n)) {
    throw new InvalidArgumentError(arg('n'), `must be a positive integer, got ${describe(n)}`);
  }
  if (stop !== undefined && typeof stop !== 'string' && !(Array.isArray(stop) && stop.every((s) => typeof s === 'string'))) {
    throw new InvalidArgumentError(arg('stop'), `must be a string or an array of strings, got ${describe(stop)}`);
  }
  if (providerOptions !== undefined && !isPlainObject(providerOptions)) {
    throw new InvalidArgumentError(arg('providerOptions'), `must be an object, got ${describe(providerOptions)}`);
  }
  if (headers !== undefined && !(isPlainObject(headers) && Object.values(headers).every((h) => typeof h === 'string'))) {
    throw new InvalidArgumentError(arg('headers'), 'must be an object of string header values');
  }
}

/** Checks the per-call options (settings plus `signal` and `tags`; any other name throws). */
export function validateCallOptions(options: unknown): CallOptions {
  if (options === undefined) return {};
  if (!isPlainObject(options)) throw new InvalidArgumentError('options', `must be an object, got ${describe(options)}`);
  checkKnownKeys('options', options, CALL_OPTION_NAMES, PROVIDER_OPTIONS_HINT);
  const o = options as CallOptions;
  validateSettings(o, 'options.');
  if (o.signal !== undefined && !isAbortSignal(o.signal)) {
    throw new InvalidArgumentError('options.signal', `must be an AbortSignal, got ${describe(o.signal)}`);
  }
  validateTags(o.tags, 'options.tags');
  return o;
}

/** Checks a list of tags. */
export function validateTags(tags: unknown, argName: string): void {
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))) {
    throw new InvalidArgumentError(argName, `must be an array of strings, got ${describe(tags)}`);
  }
}

/** The settings of `base` overridden by every setting `override` defines; headers and providerOptions merge. */
export function mergeSettings(base: CallSettings, override: CallSettings = {}): CallSettings {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const value = override[key] ?? base[key];
    if (value !== undefined) out[key] = value;
  }
  if (base.headers && override.headers) out.headers = { ...base.headers, ...override.headers };
  if (base.providerOptions && override.providerOptions) out.providerOptions = { ...base.providerOptions, ...override.providerOptions };
  return out as CallSettings;
}

/** Just the generation settings of an options object (drops model, apiKey, client and the like). */
export function pickSettings(options: CallSettings): CallSettings {
  return mergeSettings(options);
}

/** `stop` as a list (the APIs take a list; a lone string is one stop sequence). */
export function stopList(stop: CallSettings['stop']): string[] | undefined {
  if (stop === undefined) return undefined;
  return typeof stop === 'string' ? [stop] : [...stop];
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAbortSignal(value: unknown): value is AbortSignal {
  return typeof value === 'object' && value !== null && typeof (value as AbortSignal).addEventListener === 'function' && 'aborted' in value;
}
