import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { checkHeaders } from './check-headers.js';
import { checkKnownKeys, type KnownKeys } from './known-keys.js';
import { checkToolSettings, type ReasoningSettings, type ResponseFormat, type ToolChoice, type ToolDefinition } from './tool-settings.js';
import { checkAbortSignal, checkOptions, checkPositiveInteger, checkTags, describe, isPlainObject } from './validate.js';

/**
 * Generation settings shared by every provider. Any can be set on the model (its default) and overridden
 * per call. Unset values are left to the provider's own defaults.
 */
export interface CallSettings {
  /** Sampling temperature. @default provider default */
  readonly temperature?: number;
  /** The most tokens to generate. @default provider default (Anthropic requires one: rxllm sends 1024) */
  readonly maxTokens?: number;
  /** Stop sequences: generation ends before any of them. @default none */
  readonly stop?: string | readonly string[];
  /** Nucleus sampling. @default provider default */
  readonly topP?: number;
  /** How many choices to generate per prompt (OpenAI only). @default 1 */
  readonly n?: number;
  /** Extra provider-only body fields, sent as they are (e.g. `{ seed: 1 }`, `{ top_k: 5 }`). @default none */
  readonly providerOptions?: Readonly<Record<string, unknown>>;
  /**
   * Extra HTTP headers for the request. Names must be valid HTTP tokens and values must hold no control
   * characters (CR, LF, NUL...) nor characters beyond U+00FF: a bad one throws `InvalidArgumentError` at once,
   * naming the header but never showing its value. Headers are never passed to tracking sinks, and the values
   * of credential headers (`authorization`, `api-key`, `x-api-key`...) are registered as secrets when sent.
   * @default none
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Tools the model may call (their input described by JSON Schema). @default none */
  readonly tools?: readonly ToolDefinition[];
  /** Whether and which tool the model must call. @default the provider's ('auto' when tools are given) */
  readonly toolChoice?: ToolChoice;
  /** Reasoning effort or budget (OpenAI `reasoning_effort`, Anthropic extended thinking). @default off */
  readonly reasoning?: ReasoningSettings;
  /** The shape the answer must have: a JSON object, or JSON valid against a schema. @default free text */
  readonly responseFormat?: ResponseFormat;
}

/** Per-call options: settings plus cancellation for callers outside RxJS. */
export interface CallOptions extends CallSettings {
  /**
   * Aborts the call. The Observable then errors with `AbortError` (unsubscribing instead ends it silently).
   * @default none
   */
  readonly signal?: AbortSignal;
  /** Tags passed to tracking sinks with this call. @default none */
  readonly tags?: readonly string[];
}

/** Every `CallSettings` name (a compile error when the type gains one that is not listed). */
export const SETTING_NAMES: KnownKeys<CallSettings> = {
  temperature: true, maxTokens: true, stop: true, topP: true, n: true, providerOptions: true, headers: true,
  tools: true, toolChoice: true, reasoning: true, responseFormat: true,
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
  checkPositiveInteger(arg('maxTokens'), maxTokens);
  if (topP !== undefined && !(typeof topP === 'number' && topP >= 0 && topP <= 1)) {
    throw new InvalidArgumentError(arg('topP'), `must be a number from 0 to 1, got ${describe(topP)}`);
  }
  checkPositiveInteger(arg('n'), n);
  if (stop !== undefined && typeof stop !== 'string' && !(Array.isArray(stop) && stop.every((s) => typeof s === 'string'))) {
    throw new InvalidArgumentError(arg('stop'), `must be a string or an array of strings, got ${describe(stop)}`);
  }
  if (providerOptions !== undefined && !isPlainObject(providerOptions)) {
    throw new InvalidArgumentError(arg('providerOptions'), `must be an object, got ${describe(providerOptions)}`);
  }
  checkHeaders(arg('headers'), headers);
  checkToolSettings(value, prefix);
}

/**
 * Checks per-call options (settings plus `signal` and `tags`; any other name throws), naming each bad one
 * under `path` (`options.temperature`, or `callOptions.temperature` when a generate option holds them).
 */
export function validateCallOptions(options: unknown, path = 'options'): CallOptions {
  if (options === undefined) return {};
  checkOptions(path, options, { expected: 'an object' });
  checkKnownKeys(path, options, CALL_OPTION_NAMES, PROVIDER_OPTIONS_HINT);
  const o = options as CallOptions;
  validateSettings(o, `${path}.`);
  checkAbortSignal(`${path}.signal`, o.signal);
  checkTags(`${path}.tags`, o.tags);
  return o;
}

/**
 * `base` call options overridden by `override`'s (a prompt's own options over a pipeline's): settings as
 * `mergeSettings` does, the `override` signal if it has one, and the tags of both.
 */
export function mergeCallOptions(base: CallOptions | undefined, override: CallOptions | undefined): CallOptions | undefined {
  if (override === undefined) return base;
  if (base === undefined) return override;
  const signal = override.signal ?? base.signal;
  const tags = base.tags && override.tags ? [...base.tags, ...override.tags] : (override.tags ?? base.tags);
  return { ...mergeSettings(base, override), ...(signal ? { signal } : {}), ...(tags ? { tags } : {}) };
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

