import { loadOpenAISdk } from './load-sdk.js';
import { readEnv } from '../../platform/env.js';
import { memoizeRetrying } from '../../platform/optional-module.js';
import { type ApiPromiseLike } from '../shared/sdk-call.js';
import { resolveApiKey } from '../shared/resolve-api-key.js';

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
export interface OpenAIClientSettings {
  readonly apiKey?: string;
  readonly baseURL?: string;
  readonly client?: unknown;
  readonly maxRetries?: number;
  readonly timeout?: number;
  /** No key needed (OpenAI-compatible servers): a placeholder is sent when none is configured. */
  readonly compatible?: boolean;
}

/**
 * Returns a getter for the model's client, built on first subscribe and cached: the given `client`, or a new
 * `OpenAI` client (SDK loaded lazily) with the resolved key, `maxRetries` (default 0) and `timeout`. The SDK's
 * own console logging is off unless `OPENAI_LOG` is set, since every failure reaches the subscriber as a typed
 * error anyway.
 */
export function openAIClientGetter(settings: OpenAIClientSettings, factory: string): () => Promise<OpenAIClientLike> {
  if (settings.client !== undefined) {
    const client = settings.client as OpenAIClientLike;
    return () => Promise.resolve(client);
  }
  return memoizeRetrying(async () => {
    const apiKey = resolveApiKey(settings.apiKey, 'OPENAI_API_KEY', factory, settings.compatible ? 'not-needed' : undefined);
    const { OpenAI } = await loadOpenAISdk();
    return new OpenAI({
      apiKey,
      ...(settings.baseURL !== undefined ? { baseURL: settings.baseURL } : {}),
      maxRetries: settings.maxRetries ?? 0,
      ...(settings.timeout !== undefined ? { timeout: settings.timeout } : {}),
      ...(readEnv('OPENAI_LOG') ? {} : { logLevel: 'off' as const }),
    });
  });
}
