import type * as AnthropicModule from '@anthropic-ai/sdk';
import type { AnthropicClientLike } from './client.js';
import { memoizeRetrying, notInstalled } from '../../platform/optional-module.js';
import type { SdkClientOptions } from '../shared/client-getter.js';

/**
 * The part of `@anthropic-ai/sdk` rxllm uses. Structural, so rxllm's published type declarations never import
 * the SDK (an optional peer: a project without it still type-checks); the loader below checks at compile time
 * that the real package fits it.
 */
export interface AnthropicSdk {
  readonly Anthropic: new (options: SdkClientOptions) => AnthropicClientLike;
}

/** The real package fits `AnthropicSdk` (a compile-time check: this line fails to compile otherwise). */
const fits = (sdk: typeof AnthropicModule): AnthropicSdk => sdk;

/**
 * Loads `@anthropic-ai/sdk` once and caches it; rejects with `ConfigurationError` when it is not installed.
 *
 * @example
 * const { Anthropic } = await loadAnthropicSdk();
 */
export const loadAnthropicSdk: () => Promise<AnthropicSdk> = memoizeRetrying(() =>
  (import('@anthropic-ai/sdk') as Promise<unknown> as Promise<typeof AnthropicModule>).then(fits, notInstalled('@anthropic-ai/sdk')),
);
