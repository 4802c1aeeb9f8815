import { loadOpenAISdk } from './load-sdk.js';
import { sdkClientGetter, type SdkClientSettings } from '../shared/client-getter.js';
import { type ApiPromiseLike } from '../shared/sdk-call.js';

/**
 * The slice of an `openai` client rxllm calls: what the `client` option takes. Any `OpenAI` or `AzureOpenAI`
 * instance (6.x, 7.x) fits, as does a wrapper. Structural, so rxllm's type declarations need no `openai`
 * package when you do not use it.
 *
 * @example
 * const client: OpenAIClientLike = new AzureOpenAI({ endpoint, apiKey, apiVersion: '2024-10-21' });
 */
export interface OpenAIClientLike {
  readonly chat: { readonly completions: { create(body: object, options: object): ApiPromiseLike<unknown> } };
  readonly completions: { create(body: object, options: object): ApiPromiseLike<unknown> };
  readonly embeddings: { create(body: object, options: object): ApiPromiseLike<unknown> };
}

/** The options that decide how the OpenAI client is built. */
export interface OpenAIClientSettings extends SdkClientSettings {
  /** No key needed (OpenAI-compatible servers): a placeholder is sent when none is configured. */
  readonly compatible?: boolean;
}

/**
 * Returns a getter for the model's client, built on first subscribe and cached: the given `client`, or a new
 * `OpenAI` client (see `sdkClientGetter`; the key from `OPENAI_API_KEY` when not given, the SDK's logging on
 * with `OPENAI_LOG`).
 */
export function openAIClientGetter(settings: OpenAIClientSettings, factory: string): () => Promise<OpenAIClientLike> {
  return sdkClientGetter(settings, factory, {
    keyEnv: 'OPENAI_API_KEY',
    ...(settings.compatible ? { fallbackKey: 'not-needed' } : {}),
    logEnv: 'OPENAI_LOG',
    create: async (options) => new (await loadOpenAISdk()).OpenAI(options),
  });
}
