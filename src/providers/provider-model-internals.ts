import { AbortError } from '../errors/abort-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { registerSecret } from '../errors/redact.js';
import { checkKnownKeys, type KnownKeys } from '../model/check-known-keys.js';
import type { CallSettings } from '../model/language-model.js';
import { describe } from '../model/prompt.js';
import { toTrackers } from '../tracking/dispatch-tracking-event.js';
import type { Tracker } from '../tracking/tracking-event.js';
import { PROVIDER_OPTIONS_HINT, SETTING_NAMES, pickSettings, validateSettings, validateTags } from './call-settings-internals.js';
import type { ProviderOptions } from './provider-options.js';

/** What a factory keeps from its options after checking them. */
export interface ModelConfig {
  readonly settings: CallSettings;
  readonly trackers: readonly Tracker[];
  readonly tags: readonly string[];
}

/** Every `ProviderOptions` name; a factory with more options spreads this into its own list. */
export const PROVIDER_OPTION_NAMES: KnownKeys<ProviderOptions<unknown>> = {
  ...SETTING_NAMES, model: true, apiKey: true, baseURL: true, client: true, maxRetries: true, timeout: true, track: true, tags: true,
};

/**
 * Checks a factory's options at once (throws `InvalidArgumentError`; an option not in `known` too), registers
 * the key as a secret.
 */
export function checkProviderOptions(options: unknown, factory: string, known: object): ModelConfig {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError('options', `${factory} needs an options object with a model, got ${describe(options)}`);
  }
  checkKnownKeys('options', options, known, PROVIDER_OPTIONS_HINT);
  const o = options as ProviderOptions<unknown>;
  if (typeof o.model !== 'string' || o.model.trim() === '') {
    throw new InvalidArgumentError('model', `must be a non-empty string, got ${describe(o.model)}`);
  }
  if (o.apiKey !== undefined && typeof o.apiKey !== 'string') {
    throw new InvalidArgumentError('apiKey', `must be a string, got ${describe(o.apiKey)}`);
  }
  registerSecret(o.apiKey);
  if (o.baseURL !== undefined && (typeof o.baseURL !== 'string' || !/^https?:\/\//i.test(o.baseURL))) {
    throw new InvalidArgumentError('baseURL', 'must be an http(s) URL string');
  }
  if (o.client !== undefined && (typeof o.client !== 'object' || o.client === null)) {
    throw new InvalidArgumentError('client', `must be an SDK client instance, got ${describe(o.client)}`);
  }
  if (o.maxRetries !== undefined && !(Number.isInteger(o.maxRetries) && o.maxRetries >= 0)) {
    throw new InvalidArgumentError('maxRetries', `must be an integer >= 0, got ${describe(o.maxRetries)}`);
  }
  if (o.timeout !== undefined && !(Number.isInteger(o.timeout) && o.timeout > 0)) {
    throw new InvalidArgumentError('timeout', `must be a positive integer (milliseconds), got ${describe(o.timeout)}`);
  }
  validateSettings(o);
  validateTags(o.tags, 'tags');
  return { settings: pickSettings(o), trackers: toTrackers(o.track), tags: [...(o.tags ?? [])] };
}

/** The SDK request options for one call: our abort signal, extra headers, retries and timeout. */
export function sdkRequestOptions(
  signal: AbortSignal,
  settings: CallSettings,
  options: { readonly maxRetries?: number; readonly timeout?: number },
): Record<string, unknown> {
  return {
    signal,
    maxRetries: options.maxRetries ?? 0,
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    ...(settings.headers ? { headers: { ...settings.headers } } : {}),
  };
}

/** Caches a client once it was built; a failed build (missing key, missing SDK) is tried again next time. */
export function lazyClient<T>(build: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    cached ??= build().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}

/** The error for a caller's aborted signal. */
export function abortErrorFor(provider: string): () => AbortError {
  return () => new AbortError('The call was aborted by its signal', { provider, code: 'aborted' });
}

/** The shape of an SDK `APIPromise` rxllm uses: the parsed data plus the request id header. */
export interface ApiPromiseLike<T> {
  withResponse(): Promise<{ readonly data: T; readonly request_id?: string | null }>;
}

/** The SDK's configured timeout (for `TimeoutError.timeoutMs`), if the client exposes it. */
export function clientTimeout(client: unknown, override: number | undefined): number | undefined {
  if (override !== undefined) return override;
  const t = (client as { timeout?: unknown }).timeout;
  return typeof t === 'number' ? t : undefined;
}
