import { loadAnthropicSdk } from './load-sdk.js';
import { readEnv } from '../../platform/env.js';
import { memoizeRetrying } from '../../platform/optional-module.js';
import { type ApiPromiseLike } from '../shared/sdk-call.js';
import { resolveApiKey } from '../shared/resolve-api-key.js';

/**
 * The slice of an `@anthropic-ai/sdk` client rxllm calls: what the `client` option takes. Any `Anthropic`
 * instance fits, as does a wrapper. Structural, so rxllm's type declarations need no `@anthropic-ai/sdk`
 * package when you do not use it.
 *
 * @example
 * const client: AnthropicClientLike = new Anthropic({ apiKey, baseURL: 'https://my-gateway/anthropic' });
 */
export interface AnthropicClientLike {
  readonly messages: { create(body: object, options: object): ApiPromiseLike<unknown> };
}

/** The options that decide how the Anthropic client is built. */
export interface AnthropicClientSettings {
  readonly apiKey?: string;
  readonly baseURL?: string;
  readonly client?: unknown;
  readonly maxRetries?: number;
  readonly timeout?: number;
}

/**
 * Returns a getter for the model's client, built on first subscribe and cached: the given `client`, or a new
 * `Anthropic` client (SDK loaded lazily) with the resolved key, `maxRetries` (default 0) and `timeout`. The
 * SDK's console logging is off unless `ANTHROPIC_LOG` is set.
 */
export function anthropicClientGetter(settings: AnthropicClientSettings, factory: string): () => Promise<AnthropicClientLike> {
  if (settings.client !== undefined) {
    const client = settings.client as AnthropicClientLike;
    return () => Promise.resolve(client);
  }
  return memoizeRetrying(async () => {
    const apiKey = resolveApiKey(settings.apiKey, 'ANTHROPIC_API_KEY', factory);
    const { Anthropic } = await loadAnthropicSdk();
    return new Anthropic({
      apiKey,
      ...(settings.baseURL !== undefined ? { baseURL: settings.baseURL } : {}),
      maxRetries: settings.maxRetries ?? 0,
      ...(settings.timeout !== undefined ? { timeout: settings.timeout } : {}),
      ...(readEnv('ANTHROPIC_LOG') ? {} : { logLevel: 'off' as const }),
    });
  });
}
