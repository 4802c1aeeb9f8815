import { registerSecret } from '../../errors/redact.js';

/** Where credentials can be found: the `apiKey` option, an SDK client, request headers. */
export interface CredentialSources {
  readonly apiKey?: unknown;
  /** An SDK client (its own `apiKey`, `authToken`, and credential default headers). */
  readonly client?: unknown;
  /** Headers: a plain record, or a fetch `Headers`. */
  readonly headers?: unknown;
}

// Header names that carry credentials: authorization, proxy-authorization, anything ending in api-key/apikey
// (x-api-key, Azure's api-key, x-goog-api-key), -auth (helicone-auth), -token, subscription-key (Azure APIM).
const CREDENTIAL_HEADER = /^(?:proxy-)?authorization$|api[-_]?key$|(?:^|-)auth$|(?:^|-)token$|subscription-key$/i;
const AUTH_SCHEME = /^\s*(?:bearer|basic|token)\s+/i;
// The SDK client fields that hold credentials: openai's apiKey (refreshed by an apiKey function) and
// adminAPIKey, @anthropic-ai/sdk's apiKey and authToken.
const CLIENT_FIELDS = ['apiKey', 'authToken', 'adminAPIKey'] as const;

/**
 * Registers (with `registerSecret`, trimmed) every credential in `sources`: the `apiKey` option, a client's own
 * `apiKey`/`authToken` and its credential default headers, and the values of credential headers
 * (`authorization` without its `Bearer ` scheme, `api-key`, `x-api-key`...; names compared case-insensitively).
 * Cheap enough to call for every request (a client's key can change: an `apiKey` function refreshes it).
 *
 * @example
 * registerCredentials({ apiKey: options.apiKey, client: options.client, headers: options.headers });
 */
export function registerCredentials({ apiKey, client, headers }: CredentialSources): void {
  if (typeof apiKey === 'string') registerSecret(apiKey);
  if (typeof client === 'object' && client !== null) {
    const fields = client as Record<string, unknown>;
    for (const field of CLIENT_FIELDS) {
      const value = fields[field];
      if (typeof value === 'string') registerSecret(value);
    }
    // Both SDKs keep their constructor options (defaultHeaders among them) in `_options`.
    const options = fields._options;
    if (typeof options === 'object' && options !== null) registerHeaders((options as { defaultHeaders?: unknown }).defaultHeaders);
  }
  registerHeaders(headers);
}

function registerHeaders(headers: unknown): void {
  if (typeof headers !== 'object' || headers === null) return;
  if (Array.isArray(headers)) {
    for (const entry of headers as unknown[]) if (Array.isArray(entry)) registerHeaders({ [String(entry[0])]: entry[1] });
    return;
  }
  const register = (value: unknown, name: string): void => {
    if (typeof value === 'string' && CREDENTIAL_HEADER.test(name)) registerSecret(value.replace(AUTH_SCHEME, ''));
  };
  // A fetch Headers, or the SDKs' { values: Headers, nulls } built headers.
  const iterable = typeof (headers as Headers).forEach === 'function' ? headers : (headers as { values?: unknown }).values;
  if (typeof iterable === 'object' && iterable !== null && typeof (iterable as Headers).forEach === 'function') {
    (iterable as Headers).forEach(register);
    return;
  }
  for (const [name, value] of Object.entries(headers)) register(value, name);
}
