import type * as OpenAIModule from 'openai';
import { cachedLoader, canRequire } from '../../platform/optional-module.js';

/** The `openai` package's exports, loaded on first subscribe (never at module load: it is an optional peer). */
export type OpenAISdk = typeof OpenAIModule;

/**
 * Loads the `openai` package once and caches it; rejects with `ConfigurationError` when it is not installed.
 *
 * @example
 * const { OpenAI } = await loadOpenAISdk();
 */
export const loadOpenAISdk: () => Promise<OpenAISdk> = cachedLoader('openai', () =>
  canRequire()
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- CJS/Jest path; see canRequire
      Promise.resolve().then(() => require('openai') as OpenAISdk)
    : (import('openai') as Promise<unknown> as Promise<OpenAISdk>),
);
