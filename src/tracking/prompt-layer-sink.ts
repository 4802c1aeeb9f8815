import type { CallSettings } from '../core/call-settings.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { PromptInput } from '../core/prompt.js';
import { checkFunction, checkOptions, checkTags } from '../core/validate.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { redact, registerSecret } from '../errors/redact.js';
import { toPromptLayerBody } from './prompt-layer-body.js';
import type { Tracker } from './tracking-event.js';

/** Options of `promptLayerSink`. */
export interface PromptLayerSinkOptions {
  /** Your PromptLayer API key. Sent only inside the request body, as PromptLayer expects; never logged. Required. */
  readonly apiKey: string;
  /** The track-request endpoint. @default 'https://api.promptlayer.com/rest/track-request' */
  readonly url?: string;
  /** Tags added to every tracked request (each call's own tags are added too). @default none */
  readonly tags?: readonly string[];
  /** The `fetch` to post with (a proxy, a test double). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Told about every failed post (network error or non-2xx answer). The sink never throws. @default ignore failures */
  readonly onError?: (error: Error) => void;
}

/** Every `PromptLayerSinkOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<PromptLayerSinkOptions> = { apiKey: true, url: true, tags: true, fetch: true, onError: true };

/** A PromptLayer tracker, plus a way to wait for the posts still in flight (before exit, in tests). */
export interface PromptLayerSink extends Tracker {
  /** Resolves when every post started so far has finished (it never rejects). */
  flush(): Promise<void>;
}

/** The default endpoint of `promptLayerSink`. */
export const PROMPT_LAYER_TRACK_URL = 'https://api.promptlayer.com/rest/track-request';

/**
 * A tracking sink that logs every successful call to PromptLayer (what LangChain's `PromptLayerOpenAI` did): it
 * POSTs PromptLayer's track-request body (`function_name` such as `openai.ChatCompletion.create` or
 * `anthropic.messages.create`, `kwargs`, `request_response`, start and end times in seconds, `tags`, `api_key`).
 * Failed and cancelled calls are not posted. Posting happens in the background: failures go to `onError`,
 * never to the call.
 *
 * @example
 * const pl = promptLayerSink({ apiKey: process.env.PROMPTLAYER_API_KEY!, tags: ['prod'] });
 * const model = openAIChat({ model: 'gpt-4o-mini', track: pl, tags: ['checkout'] });
 * // ... before exit: await pl.flush();
 */
export function promptLayerSink(options: PromptLayerSinkOptions): PromptLayerSink {
  checkOptions('options', options, { required: true });
  checkKnownKeys('options', options, OPTION_NAMES);
  const { apiKey, url = PROMPT_LAYER_TRACK_URL, tags = [], onError } = options;
  if (typeof apiKey !== 'string' || apiKey === '') throw new InvalidArgumentError('apiKey', 'must be a non-empty string (your PromptLayer API key)');
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw new InvalidArgumentError('url', 'must be an http(s) URL string');
  checkTags('tags', tags);
  checkFunction('onError', onError);
  const doFetch = options.fetch ?? globalThis.fetch;
  if (typeof doFetch !== 'function') throw new InvalidArgumentError('fetch', 'no fetch available: pass one');
  registerSecret(apiKey);

  const requests = new Map<string, { readonly input: PromptInput; readonly settings: CallSettings; readonly at: number }>();
  const inFlight = new Set<Promise<void>>();

  const report = (error: unknown): void => {
    if (!onError) return;
    const safe = new Error(`promptLayerSink: ${redact(typeof (error as Error)?.message === 'string' ? (error as Error).message : String(error))}`);
    try {
      onError(safe);
    } catch {
      // onError must not break anything either.
    }
  };

  const post = async (body: unknown): Promise<void> => {
    const response = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new Error(`track-request answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  };

  const sink: Tracker = (event) => {
    if (event.type === 'request') {
      requests.set(event.call.callId, { input: event.input, settings: event.settings, at: event.at });
      return;
    }
    if (event.type !== 'response' && event.type !== 'error' && event.type !== 'cancel') return;
    const started = requests.get(event.call.callId);
    requests.delete(event.call.callId);
    if (event.type !== 'response' || !started) return;
    let body: unknown;
    try {
      body = toPromptLayerBody({ call: event.call, input: started.input, settings: started.settings, startedAt: started.at, generation: event.generation, endedAt: event.at, apiKey, tags });
    } catch (error) {
      report(error);
      return;
    }
    const p: Promise<void> = post(body).catch(report).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  return Object.assign(sink, {
    flush: async (): Promise<void> => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  });
}
