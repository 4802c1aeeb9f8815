import { loadAnthropicSdk } from './load-sdk.js';
import { sdkClientGetter, type SdkClientSettings } from '../shared/client-getter.js';
import { type ApiPromiseLike } from '../shared/sdk-call.js';

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

/**
 * Returns a getter for the model's client, built on first subscribe and cached: the given `client`, or a new
 * `Anthropic` client (see `sdkClientGetter`; the key from `ANTHROPIC_API_KEY` when not given, the SDK's
 * logging on with `ANTHROPIC_LOG`).
 */
export function anthropicClientGetter(settings: SdkClientSettings, factory: string): () => Promise<AnthropicClientLike> {
  return sdkClientGetter(settings, factory, {
    keyEnv: 'ANTHROPIC_API_KEY',
    logEnv: 'ANTHROPIC_LOG',
    create: async (options) => new (await loadAnthropicSdk()).Anthropic(options),
  });
}
