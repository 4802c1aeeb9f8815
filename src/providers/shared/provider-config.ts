import { InvalidArgumentError } from '../../errors/invalid-argument-error.js';
import { registerSecret } from '../../errors/redact.js';
import { checkKnownKeys, type KnownKeys } from '../../core/known-keys.js';
import type { CallSettings } from '../../core/call-settings.js';
import { checkDuration, checkOptions, checkTags, describe } from '../../core/validate.js';
import { toTrackers } from '../../tracking/dispatch-tracking-event.js';
import type { Tracker } from '../../tracking/tracking-event.js';
import { PROVIDER_OPTIONS_HINT, SETTING_NAMES, pickSettings, validateSettings } from '../../core/call-settings.js';
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
  checkOptions('options', options, { required: true, expected: `${factory}'s options object with a model` });
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
  checkDuration('timeout', o.timeout); // the SDK times the request with one setTimeout
  validateSettings(o);
  checkTags('tags', o.tags);
  return { settings: pickSettings(o), trackers: toTrackers(o.track), tags: [...(o.tags ?? [])] };
}
