import type * as OpenAIModule from 'openai';
import type { OpenAIClientLike } from './client.js';
import { memoizeRetrying, notInstalled } from '../../platform/optional-module.js';
import type { SdkClientOptions } from '../shared/client-getter.js';

/**
 * The part of the `openai` package rxllm uses. Structural, so rxllm's published type declarations never import
 * `openai` (an optional peer: a project without it still type-checks); the loader below checks at compile time
 * that the real package fits it.
 */
export interface OpenAISdk {
  readonly OpenAI: new (options: SdkClientOptions) => OpenAIClientLike;
}

/** The real package fits `OpenAISdk` (a compile-time check: this line fails to compile otherwise). */
const fits = (sdk: typeof OpenAIModule): OpenAISdk => sdk;

/**
 * Loads the `openai` package once and caches it; rejects with `ConfigurationError` when it is not installed.
 *
 * @example
 * const { OpenAI } = await loadOpenAISdk();
 */
export const loadOpenAISdk: () => Promise<OpenAISdk> = memoizeRetrying(() =>
  (import('openai') as Promise<unknown> as Promise<typeof OpenAIModule>).then(fits, notInstalled('openai')),
);
