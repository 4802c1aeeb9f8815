import type * as AnthropicModule from '@anthropic-ai/sdk';
import { cachedLoader, canRequire } from '../../platform/optional-module.js';

/** The `@anthropic-ai/sdk` package's exports, loaded on first subscribe (an optional peer). */
export type AnthropicSdk = typeof AnthropicModule;

/**
 * Loads `@anthropic-ai/sdk` once and caches it; rejects with `ConfigurationError` when it is not installed.
 *
 * @example
 * const { Anthropic } = await loadAnthropicSdk();
 */
export const loadAnthropicSdk: () => Promise<AnthropicSdk> = cachedLoader('@anthropic-ai/sdk', () =>
  canRequire()
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- CJS/Jest path; see canRequire
      Promise.resolve().then(() => require('@anthropic-ai/sdk') as AnthropicSdk)
    : (import('@anthropic-ai/sdk') as Promise<unknown> as Promise<AnthropicSdk>),
);
