import { PROVIDER_OPTIONS_HINT, mergeSettings, validateSettings, type CallSettings } from './call-settings.js';
import { checkKnownKeys, type KnownKeys } from './known-keys.js';
import { checkAbortSignal, checkOptions, checkPositiveInteger, checkTags } from './validate.js';

/**
 * Embedding settings: any can be set on the model (its default) and overridden per call. Unset values are
 * left to the provider's defaults.
 */
export interface EmbeddingSettings {
  /**
   * The length of the vectors, for models that can shorten them (OpenAI `text-embedding-3-*`: at most 1,536
   * for `-small`, 3,072 for `-large`; `text-embedding-ada-002` has a fixed 1,536).
   * @default the model's full length
   */
  readonly dimensions?: number;
  /** Extra provider-only body fields, sent as they are (e.g. `{ user: 'u-42' }`). @default none */
  readonly providerOptions?: CallSettings['providerOptions'];
  /** Extra HTTP headers for the request. @default none */
  readonly headers?: CallSettings['headers'];
}

/** Per-call options of `EmbeddingModel.embed`: settings plus cancellation and tracking tags. */
export interface EmbedCallOptions extends EmbeddingSettings {
  /**
   * Aborts the call. The Observable then errors with `AbortError` (unsubscribing instead ends it silently).
   * @default none
   */
  readonly signal?: AbortSignal;
  /** Tags passed to tracking sinks with this call. @default none */
  readonly tags?: readonly string[];
}

/** Every `EmbeddingSettings` name. */
export const EMBEDDING_SETTING_NAMES: KnownKeys<EmbeddingSettings> = { dimensions: true, providerOptions: true, headers: true };
/** Every `EmbedCallOptions` name. */
const EMBED_CALL_OPTION_NAMES: KnownKeys<EmbedCallOptions> = { ...EMBEDDING_SETTING_NAMES, signal: true, tags: true };

/** Checks the embedding settings in `value` (a model's options or a call's), naming each bad one under `prefix`. */
export function validateEmbeddingSettings(value: EmbeddingSettings, prefix = ''): void {
  checkPositiveInteger(`${prefix}dimensions`, value.dimensions);
  validateSettings(pickShared(value), prefix); // headers and providerOptions follow the generation settings' rules
}

/**
 * Checks per-call embedding options (any other name throws, `temperature` included), naming each bad one
 * under `path`.
 */
export function validateEmbedCallOptions(options: unknown, path = 'options'): EmbedCallOptions {
  if (options === undefined) return {};
  checkOptions(path, options, { expected: 'an object' });
  checkKnownKeys(path, options, EMBED_CALL_OPTION_NAMES, PROVIDER_OPTIONS_HINT);
  const o = options as EmbedCallOptions;
  validateSettings(pickShared(o), `${path}.`);
  checkAbortSignal(`${path}.signal`, o.signal);
  checkTags(`${path}.tags`, o.tags);
  checkPositiveInteger(`${path}.dimensions`, o.dimensions);
  return o;
}

/** The settings of `base` overridden by those `override` defines; headers and providerOptions merge. */
export function mergeEmbeddingSettings(base: EmbeddingSettings, override: EmbeddingSettings = {}): EmbeddingSettings {
  const dimensions = override.dimensions ?? base.dimensions;
  return { ...mergeSettings(pickShared(base), pickShared(override)), ...(dimensions !== undefined ? { dimensions } : {}) };
}

/** Just the embedding settings of an options object (drops model, apiKey, signal, tags and the like). */
export function pickEmbeddingSettings(options: EmbeddingSettings): EmbeddingSettings {
  return mergeEmbeddingSettings(options);
}

function pickShared(settings: EmbeddingSettings): CallSettings {
  const { headers, providerOptions } = settings;
  return { ...(headers !== undefined ? { headers } : {}), ...(providerOptions !== undefined ? { providerOptions } : {}) };
}
