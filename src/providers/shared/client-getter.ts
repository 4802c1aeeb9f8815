import { readEnv } from '../../platform/env.js';
import { memoizeRetrying } from '../../platform/optional-module.js';
import { resolveApiKey } from './resolve-api-key.js';

/** The options that decide how a model's SDK client is built. */
export interface SdkClientSettings {
  readonly apiKey?: string;
  readonly baseURL?: string;
  readonly client?: unknown;
  readonly maxRetries?: number;
  readonly timeout?: number;
}

/** What rxllm passes to an SDK's client constructor (`OpenAI`, `Anthropic`). */
export interface SdkClientOptions {
  readonly apiKey: string;
  readonly baseURL?: string;
  readonly maxRetries: number;
  readonly timeout?: number;
  readonly logLevel?: 'off';
}

/** How one provider's client is made. */
export interface SdkClientRecipe<C> {
  /** The environment variable the key is read from when there is no `apiKey`, e.g. `OPENAI_API_KEY`. */
  readonly keyEnv: string;
  /** The key sent when none is configured (servers that need none); without it a missing key is an error. */
  readonly fallbackKey?: string;
  /** The environment variable that turns the SDK's own console logging back on, e.g. `OPENAI_LOG`. */
  readonly logEnv: string;
  /** Loads the SDK and builds a client. */
  readonly create: (options: SdkClientOptions) => Promise<C>;
}

/**
 * Returns a getter for a model's client, built on first subscribe and cached: the given `client`, or a new
 * one (SDK loaded lazily) with the resolved key, `maxRetries` (default 0) and `timeout`. The SDK's own
 * console logging is off unless `recipe.logEnv` is set, since every failure reaches the subscriber as a
 * typed error anyway.
 *
 * @example
 * sdkClientGetter(options, 'openAIChat', { keyEnv: 'OPENAI_API_KEY', logEnv: 'OPENAI_LOG', create: async (o) => new (await loadOpenAISdk()).OpenAI(o) });
 */
export function sdkClientGetter<C>(settings: SdkClientSettings, factory: string, recipe: SdkClientRecipe<C>): () => Promise<C> {
  if (settings.client !== undefined) {
    const client = settings.client as C;
    return () => Promise.resolve(client);
  }
  return memoizeRetrying(async () => {
    const apiKey = resolveApiKey(settings.apiKey, recipe.keyEnv, factory, recipe.fallbackKey);
    return recipe.create({
      apiKey,
      ...(settings.baseURL !== undefined ? { baseURL: settings.baseURL } : {}),
      maxRetries: settings.maxRetries ?? 0,
      ...(settings.timeout !== undefined ? { timeout: settings.timeout } : {}),
      ...(readEnv(recipe.logEnv) ? {} : { logLevel: 'off' as const }),
    });
  });
}
