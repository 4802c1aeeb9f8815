/** Which wire protocol a request speaks; decides the error JSON shape and header names. */
export type Provider = 'openai' | 'anthropic';

/** The error situations the simulator answers with, provider-neutral. */
export type SimErrorKind =
  | 'bad-request' | 'unauthorized' | 'not-found' | 'too-large'
  | 'rate-limit-requests' | 'rate-limit-tokens' | 'quota'
  | 'server' | 'unavailable' | 'overloaded';

interface KindInfo {
  readonly status: number;
  readonly openai: { readonly type: string; readonly code: string | null; readonly message: string };
  readonly anthropic: { readonly type: string; readonly message: string };
  readonly anthropicStatus?: number;
}

const KINDS: Readonly<Record<SimErrorKind, KindInfo>> = {
  'bad-request': { status: 400, openai: { type: 'invalid_request_error', code: null, message: 'Invalid request.' }, anthropic: { type: 'invalid_request_error', message: 'Invalid request.' } },
  unauthorized: { status: 401, openai: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.' }, anthropic: { type: 'authentication_error', message: 'invalid x-api-key' } },
  'not-found': { status: 404, openai: { type: 'invalid_request_error', code: null, message: 'Invalid URL.' }, anthropic: { type: 'not_found_error', message: 'Not found' } },
  'too-large': { status: 413, openai: { type: 'invalid_request_error', code: null, message: 'Request body too large.' }, anthropic: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' } },
  'rate-limit-requests': { status: 429, openai: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' }, anthropic: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' } },
  'rate-limit-tokens': { status: 429, openai: { type: 'tokens', code: 'rate_limit_exceeded', message: 'Rate limit reached for tokens.' }, anthropic: { type: 'rate_limit_error', message: 'Number of tokens has exceeded your rate limit.' } },
  quota: { status: 429, openai: { type: 'insufficient_quota', code: 'insufficient_quota', message: 'You exceeded your current quota, please check your plan and billing details.' }, anthropic: { type: 'billing_error', message: 'Your credit balance is too low to access the Anthropic API.' } },
  server: { status: 500, openai: { type: 'server_error', code: null, message: 'The server had an error while processing your request. Sorry about that!' }, anthropic: { type: 'api_error', message: 'Internal server error' } },
  unavailable: { status: 503, openai: { type: 'server_error', code: null, message: 'Service Unavailable.' }, anthropic: { type: 'api_error', message: 'Service unavailable' } },
  overloaded: { status: 503, anthropicStatus: 529, openai: { type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later.' }, anthropic: { type: 'overloaded_error', message: 'Overloaded' } },
};

/** Options of a `SimHttpError`. */
export interface SimHttpErrorOptions {
  readonly message?: string;
  readonly param?: string | null;
  readonly code?: string | null;
  /** Overrides the status (e.g. `server-error; status=502`). */
  readonly status?: number;
  /** Extra response headers (retry-after, rate-limit headers...). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An error response to send; thrown by validators and the pipeline, caught by the router. */
export class SimHttpError extends Error {
  constructor(readonly kind: SimErrorKind, readonly options: SimHttpErrorOptions = {}) {
    super(options.message ?? KINDS[kind].openai.message);
  }

  status(provider: Provider): number {
    const info = KINDS[this.kind];
    return this.options.status ?? (provider === 'anthropic' ? info.anthropicStatus ?? info.status : info.status);
  }

  /** The error body in `provider`'s real shape. */
  body(provider: Provider, requestId: string): unknown {
    const info = KINDS[this.kind];
    if (provider === 'anthropic') {
      return anthropicErrorBody(info.anthropic.type, this.options.message ?? info.anthropic.message, requestId);
    }
    return openaiErrorBody(info.openai.type, this.options.message ?? info.openai.message, this.options.param ?? null,
      this.options.code !== undefined ? this.options.code : info.openai.code);
  }
}

/** OpenAI's error shape: `{ error: { message, type, param, code } }`. */
export function openaiErrorBody(type: string, message: string, param: string | null = null, code: string | null = null): unknown {
  return { error: { message, type, param, code } };
}

/** Anthropic's error shape: `{ type: 'error', error: { type, message }, request_id }`. */
export function anthropicErrorBody(type: string, message: string, requestId: string): unknown {
  return { type: 'error', error: { type, message }, request_id: requestId };
}
