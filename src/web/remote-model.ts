import { Observable } from 'rxjs';
import { pickSettings, validateCallOptions, type CallOptions } from '../core/call-settings.js';
import { checkHeaders } from '../core/check-headers.js';
import { GenerationCollector } from '../core/generation-collector.js';
import type { Generation } from '../core/generation.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { LanguageModel } from '../core/language-model.js';
import type { PromptInput } from '../core/prompt.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { checkFunction, checkOptions, describe, isPlainObject } from '../core/validate.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { promptToUiMessages } from './prompt-to-ui-messages.js';
import { remoteCall } from './remote-call.js';

/**
 * A value, or a function giving it per request (possibly async): for a token that changes.
 *
 * @example
 * const headers: PerRequest<Record<string, string>> = async () => ({ authorization: `Bearer ${await auth.token()}` });
 */
export type PerRequest<T> = T | (() => T | Promise<T>);

/**
 * Options of `remoteModel`.
 *
 * @example
 * remoteModel({ url: '/api/chat', headers: async () => ({ authorization: `Bearer ${await auth.token()}` }), body: { chatId } })
 */
export interface RemoteModelOptions {
  /**
   * The endpoint that answers with a UI message stream (`toUiMessageStreamResponse`, `pipeUiMessageStream`,
   * or a server written with the Vercel AI SDK). A relative URL is resolved against the page at each request.
   */
  readonly url: string | URL;
  /** Headers for every request (an auth token...): an object, or a function called per request. @default none */
  readonly headers?: PerRequest<Readonly<Record<string, string>>>;
  /**
   * More fields of every request body, next to `messages` (a chat id...): an object, or a function called
   * per request. @default none
   */
  readonly body?: PerRequest<Readonly<Record<string, unknown>>>;
  /** This model's `modelId`; generations carry the id of the model that answered, when the server names it. @default the url */
  readonly modelId?: string;
  /** Whether the request sends cookies (fetch's `credentials`). @default fetch's own: same-origin */
  readonly credentials?: 'omit' | 'same-origin' | 'include';
  /** The `fetch` to send with (a test's, a proxy's). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/** Every `RemoteModelOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<RemoteModelOptions> = { url: true, headers: true, body: true, modelId: true, credentials: true, fetch: true };

/** The provider key of `remoteModel` (until the server names the provider that answered). */
const PROVIDER = 'remote';

/**
 * A `LanguageModel` served by your own server, for a browser (the API key stays on the server): `stream`
 * and `generate` POST the prompt as the AI SDK's `useChat` does (`{ messages: UIMessage[], trigger,
 * settings?, ...body }`: see `parseUiMessageRequest` on the server), and turn the UI message stream that
 * answers back into `GenerationEvent`s: text, reasoning, refusals, tool calls, and, from a tool loop, steps
 * and tool results. Against rxllm's `toUiMessageStreamResponse` / `pipeUiMessageStream` the events and the
 * `Generation` are the server's own (choice 0, its provider, model, finish reason and usage); against
 * any other server of the protocol (the AI SDK's `streamText(...).toUIMessageStreamResponse()`) the
 * missing facts are made up (provider `"remote"`, `finish` from the message's finish reason, no usage).
 *
 * Cold like every model: each subscription sends its own request; unsubscribing aborts it (the server
 * sees the client leave and aborts its own provider call); a `signal` errors it with `AbortError`. The
 * call's settings (`temperature`, `tools`...) are sent as `settings`, for the server to honour or not; its
 * `headers` go on the request. Errors: an HTTP error status gives the error of that status
 * (`RateLimitError` for 429 with `retryAfterMs`, `AuthenticationError` for 401...); an `error` chunk a
 * `StreamError` with its text and the text so far; a failed connection a `ConnectionError`.
 * Throws `InvalidArgumentError` for bad options, a bad prompt or bad call options.
 *
 * @example
 * const model = remoteModel({ url: '/api/chat' });
 * model.stream('Tell me a story').subscribe((e) => { if (e.type === 'text-delta') output.append(e.text); });
 */
export function remoteModel(options: RemoteModelOptions): LanguageModel {
  checkOptions('options', options, { required: true, expected: 'a { url, headers?, body? } object' });
  checkKnownKeys('options', options, OPTION_NAMES);
  const url = checkUrl(options.url);
  if (typeof options.headers !== 'function') checkHeaders('options.headers', options.headers);
  if (options.body !== undefined && typeof options.body !== 'function') checkOptions('options.body', options.body, { expected: 'an object of JSON fields, or a function returning one' });
  if (options.modelId !== undefined && (typeof options.modelId !== 'string' || options.modelId === '')) {
    throw new InvalidArgumentError('options.modelId', `must be a non-empty string, got ${describe(options.modelId)}`);
  }
  if (options.credentials !== undefined && !['omit', 'same-origin', 'include'].includes(options.credentials)) {
    throw new InvalidArgumentError('options.credentials', `must be "omit", "same-origin" or "include", got ${JSON.stringify(options.credentials)}`);
  }
  checkFunction('options.fetch', options.fetch);
  const modelId = options.modelId ?? url;

  const stream = (input: PromptInput, callOptions?: CallOptions): Observable<GenerationEvent> => {
    const messages = promptToUiMessages(input);
    const call = validateCallOptions(callOptions);
    const { headers: callHeaders, ...settings } = pickSettings(call);
    return remoteCall({
      provider: PROVIDER,
      modelId,
      url: resolveUrl(url),
      fetch: fetchOf(options),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(call.signal ? { signal: call.signal } : {}),
      prepare: async () => {
        const [headers, body] = await Promise.all([perRequest(options.headers, 'options.headers'), perRequest(options.body, 'options.body')]);
        checkHeaders('options.headers', headers);
        return {
          headers: { ...headers, ...callHeaders, 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ ...body, messages, trigger: 'submit-message', ...(Object.keys(settings).length > 0 ? { settings } : {}) }),
        };
      },
    });
  };

  return {
    provider: PROVIDER,
    modelId,
    stream,
    generate: (input, callOptions) => collect(stream(input, callOptions), modelId),
  };
}

/** The `Generation` a stream amounts to, with the provider the server named (its `start` event's). */
function collect(events$: Observable<GenerationEvent>, modelId: string): Observable<Generation> {
  return new Observable<Generation>((subscriber) => {
    const collector = new GenerationCollector(PROVIDER, modelId);
    return events$.subscribe({
      next: (event) => collector.push(event),
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        subscriber.next(collector.result());
        subscriber.complete();
      },
    });
  });
}

/** The page's address (a browser's, a worker's), which relative URLs are resolved against; undefined elsewhere. */
const pageUrl = (): string | undefined => (globalThis as { location?: { href?: string } }).location?.href;

/** The url, resolved against the page now (the page may have navigated since the model was made). */
const resolveUrl = (url: string): string => new URL(url, pageUrl()).href;

/** The url as a string; `InvalidArgumentError` unless it is absolute, or relative in a page (which has a base). */
function checkUrl(url: unknown): string {
  if (!(typeof url === 'string' && url !== '') && !(url instanceof URL)) throw new InvalidArgumentError('options.url', `must be a URL (a string or a URL), got ${describe(url)}`);
  const base = pageUrl();
  try {
    new URL(String(url), base);
  } catch {
    throw new InvalidArgumentError('options.url', `must be an absolute URL${base ? '' : ' (a relative one needs a page to resolve against)'}, got ${JSON.stringify(String(url))}`);
  }
  return String(url);
}

function fetchOf(options: RemoteModelOptions): typeof fetch {
  const found = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
  if (typeof found !== 'function') throw new ConfigurationError('remoteModel: no fetch in this runtime: pass { fetch }', { code: 'fetch_missing' });
  return found;
}

async function perRequest<T extends object>(value: PerRequest<T> | undefined, argument: string): Promise<T | undefined> {
  const resolved = typeof value === 'function' ? await (value as () => T | Promise<T>)() : value;
  if (resolved !== undefined && !isPlainObject(resolved)) throw new InvalidArgumentError(argument, `must give an object, got ${describe(resolved)}`);
  return resolved;
}
