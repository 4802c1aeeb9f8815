import { ConfigurationError } from '../../errors/configuration-error.js';
import { registerSecret } from '../../errors/redact.js';
import { readEnv } from '../../platform/env.js';

/**
 * The API key to use, trimmed (a key read from a file ends with a newline): the `apiKey` option, else the
 * environment variable `envName`. Registers it with
 * `registerSecret` so it never shows in an error, log or tracking payload. Returns `fallback` when neither is
 * set (OpenAI-compatible local servers need no key); throws `ConfigurationError` when there is no fallback.
 *
 * @example
 * resolveApiKey(undefined, 'OPENAI_API_KEY', 'openAIChat'); // process.env.OPENAI_API_KEY, or throws
 */
export function resolveApiKey(apiKey: string | undefined, envName: string, factory: string, fallback?: string): string {
  const key = apiKey?.trim() || readEnv(envName);
  if (key) {
    registerSecret(key);
    return key;
  }
  if (fallback !== undefined) return fallback;
  throw new ConfigurationError(
    `${factory}: no API key. Pass { apiKey }, set the ${envName} environment variable, or pass a ready SDK { client }.`,
    { code: 'missing_api_key' },
  );
}
