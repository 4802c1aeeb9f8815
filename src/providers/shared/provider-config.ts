import {
  PROVIDER_OPTIONS_HINT,
  SETTING_NAMES,
  pickSettings,
  validateSettings,
  type CallSettings,
} from '../../core/call-settings.js';
import { checkKnownKeys, type KnownKeys } from '../../core/known-keys.js';
import { checkOptions, checkTags, describe } from '../../core/validate.js';
import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import { toTrackers } from '../../tracking/dispatch-tracking-event.js';
import type { Tracker } from '../../tracking/tracking-event.js';
import type { ConnectionOptions, ProviderOptions } from './provider-options.js';
import { registerCredentials } from './register-credentials.js';

/** What a factory keeps from its options after checking them. */
export interface ModelConfig {
  readonly settings: CallSettings;
  readonly trackers: readonly Tracker[];
  readonly tags: readonly string[];
}

/** Every `ConnectionOptions` name: what every factory takes besides request settings. */
export const CONNECTION_OPTION_NAMES: KnownKeys<ConnectionOptions<unknown>> = {
  model: true, apiKey: true, baseURL: true, client: true, maxRetries: true, timeout: true, track: true, tags: true,
};

/** Every `ProviderOptions` name; a factory with more options spreads this into its own list. */
export const PROVIDER_OPTION_NAMES: KnownKeys<ProviderOptions<unknown>> = { ...SETTING_NAMES, ...CONNECTION_OPTION_NAMES };

/**
 * Checks a factory's options at once (throws `InvalidArgumentError`; an option not in `known` too), registers
 * every credential in them as a secret (the key, a client's own key, credential headers).
 */
export function checkProviderOptions(options: unknown, factory: string, known: object): ModelConfig {
  const connection = checkConnectionOptions(options, factory, known);
  const o = options as ProviderOptions<unknown>;
  validateSettings(o);
  return { settings: pickSettings(o), ...connection };
}

/**
 * Checks the connection options of a factory's options (model, apiKey, baseURL, client, maxRetries, timeout,
 * track, tags) and that every name is in `known`; registers the key as a secret. The factory checks its
 * request settings itself.
 */
export function checkConnectionOptions(options: unknown, factory: string, known: object): Omit<ModelConfig, 'settings'> {
  checkOptions('options', options, { required: true, expected: `${factory}'s options object with a model` });
  checkKnownKeys('options', options, known, PROVIDER_OPTIONS_HINT);
  const o = options as ConnectionOptions<unknown>;
  if (typeof o.model !== 'string' || o.model.trim() === '') {
    throw new InvalidArgumentError('model', `must be a non-empty string, got ${describe(o.model)}`);
  }
  if (o.apiKey !== undefined && typeof o.apiKey !== 'string') {
    throw new InvalidArgumentError('apiKey', `must be a string, got ${describe(o.apiKey)}`);
  }
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
  checkTags('tags', o.tags);
  // Default headers are a request setting of every factory (generation and embedding alike).
  const { headers } = options as { headers?: Readonly<Record<string, string>> };
  registerCredentials({ apiKey: o.apiKey, client: o.client, headers });
  return { trackers: toTrackers(o.track), tags: [...(o.tags ?? [])] };
}
