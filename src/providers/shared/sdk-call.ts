import { defer, type Observable } from 'rxjs';
import type { LlmError } from '../../errors/llm-error.js';
import type { GenerationEvent } from '../../core/stream-event.js';
import type { ErrorContext } from './map-sdk-error.js';
import { abortErrorFor } from '../../platform/abort-signal.js';
import type { Usage } from '../../core/generation.js';
import { sdkObservable } from './sdk-observable.js';
import { registerCredentials } from './register-credentials.js';
import { redactGenerationEvent } from '../../core/redact-generation.js';

/** How to make one SDK call: the client, the request, and how its errors translate. */
export interface SdkCallPlan<C> {
  readonly provider: string;
  readonly getClient: () => Promise<C>;
  /** Sends the request with the SDK, passing `requestOptions` (abort signal, headers, retries, timeout) as its request options. */
  readonly send: (client: C, requestOptions: Record<string, unknown>) => ApiPromiseLike<unknown>;
  /** The model's `maxRetries` and `timeout` options (without a `timeout`, `TimeoutError.timeoutMs` reports the client's own). */
  readonly connection: { readonly maxRetries?: number; readonly timeout?: number };
  /** The call's extra HTTP headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The caller's signal. */
  readonly signal?: AbortSignal;
  readonly mapError: (error: unknown, context: ErrorContext) => LlmError;
}

/** Turns stream items into `GenerationEvent`s and remembers what an error needs: the text and usage so far. */
export interface StreamTranslator<E> {
  push(item: E): GenerationEvent[];
  end(): GenerationEvent[];
  /** Text of choice 0 so far (for `StreamError.partialText`). */
  readonly partialText: string;
  /** True once any content event was produced. */
  readonly contentStarted: boolean;
  /** The usage reported so far. */
  readonly usage: Usage | undefined;
  /** The request id known so far: the header, else the id the response gave itself (chunk or message id). */
  readonly requestId: string | undefined;
}

/**
 * A cold Observable of one non-streamed call: emits `parse(data, requestId)` with every secret or
 * key-shaped string the server echoed removed by `redactValue` (`redactGeneration` for a generation,
 * `redactEmbeddingResult` for embeddings) once the call is over, then completes.
 */
export function responseCall<C, T>(
  plan: SdkCallPlan<C>,
  parse: (data: unknown, requestId: string | undefined) => T,
  redactValue: (value: T) => T,
): Observable<T> {
  return sdkCall<C, T>(plan, () => ({
    // The parsed body: the SDKs attach the request id to it (`_request_id`), so `withResponse()` (a second
    // promise chain and a header lookup per request) is not needed, and a plain Promise from a wrapper works.
    handle: async (answer) => {
      const data = await answer.data();
      return { value: redactValue(parse(data, requestIdOf(data))) };
    },
    context: () => ({}),
  }));
}

/**
 * A cold Observable of one streamed call: iterates the SDK's stream through a fresh translator per subscriber.
 * The server-given fields of `start` and `finish` events are redacted (`redactGenerationEvent`); content
 * deltas pass as they arrive. An error carries what the translator knew: the text, whether content had
 * started, the usage and the request id so far.
 */
export function streamCall<C, E>(plan: SdkCallPlan<C>, translator: (requestId: string | undefined) => StreamTranslator<E>): Observable<GenerationEvent> {
  return sdkCall<C, GenerationEvent>(plan, () => {
    let current: StreamTranslator<E> | undefined;
    return {
      handle: async (answer, emit) => {
        const { data, request_id } = await answer.withHeaders();
        const t = (current = translator(request_id ?? undefined));
        for await (const item of data as AsyncIterable<E>) {
          for (const event of t.push(item)) emit(redactGenerationEvent(event));
        }
        const tail = t.end().map(redactGenerationEvent);
        tail.slice(0, -1).forEach((event) => emit(event));
        // The body is read to its end: the last event is emitted once the call is over (see sdkObservable).
        return tail.length > 0 ? { value: tail[tail.length - 1]! } : undefined;
      },
      context: () => ({
        streaming: true,
        partialText: current?.partialText,
        contentStarted: current?.contentStarted,
        usage: current?.usage,
        requestId: current?.requestId,
      }),
    };
  });
}

/** A sent request's answer, read one of two ways. */
interface SentRequest {
  /** The parsed body (the SDKs attach the request id to it as `_request_id`). */
  data(): Promise<unknown>;
  /** The body with the request id header (`withResponse()`, when the promise has it): for streams. */
  withHeaders(): Promise<{ readonly data: unknown; readonly request_id?: string | null }>;
}

/** What one subscription does with the SDK's answer, and what its errors should know. */
interface CallHandler<T> {
  /** Reads the sent request's answer; a `{ value }` it resolves with is emitted once the call is over. */
  handle(answer: SentRequest, emit: (value: T) => void): Promise<void | { readonly value: T }>;
  context(): Partial<ErrorContext>;
}

/**
 * The one SDK call both kinds share: per subscription, get the client, register its credentials, send with
 * the subscription's signal, hand the answer to a fresh `handler()`; errors map with the timing and the
 * handler's context. Nothing is sent before subscribe; unsubscribing aborts (see `sdkObservable`).
 */
function sdkCall<C, T>(plan: SdkCallPlan<C>, handler: () => CallHandler<T>): Observable<T> {
  return defer(() => {
    const h = handler();
    let timeoutMs = plan.connection.timeout;
    let sentAt = 0;
    let client: C | undefined;
    const run = async (signal: AbortSignal, emit: (value: T) => void): Promise<void | { readonly value: T }> => {
      client = await plan.getClient();
      registerCredentials({ client });
      timeoutMs = clientTimeout(client, plan.connection.timeout);
      sentAt = Date.now();
      const sent = plan.send(client, sdkRequestOptions(signal, plan.headers, plan.connection));
      const c = client;
      // A key refreshed for this request (an apiKey function) is registered as soon as the answer arrives,
      // before anything of it is read: a server echoing it finds it a secret already.
      const answer: SentRequest = {
        data: async () => {
          const data = await sent;
          registerCredentials({ client: c });
          return data;
        },
        withHeaders: async () => {
          const r = typeof sent.withResponse === 'function' ? await sent.withResponse() : { data: await sent, request_id: undefined };
          registerCredentials({ client: c });
          return r;
        },
      };
      return h.handle(answer, emit);
    };
    const mapError = (e: unknown): LlmError => {
      registerCredentials({ client });
      return plan.mapError(e, { provider: plan.provider, timeoutMs, elapsedMs: Date.now() - sentAt, ...h.context() });
    };
    return sdkObservable(run, { signal: plan.signal, mapError, abortError: abortErrorFor(plan.provider) });
  });
}

/**
 * The SDK request options for one call: our abort signal, extra headers, retries and timeout. Registers the
 * credential headers among them (`authorization`, `api-key`, `x-api-key`...) as secrets, as they are sent.
 */
function sdkRequestOptions(signal: AbortSignal, headers: SdkCallPlan<unknown>['headers'], connection: SdkCallPlan<unknown>['connection']): Record<string, unknown> {
  registerCredentials({ headers });
  return {
    signal,
    maxRetries: connection.maxRetries ?? 0,
    ...(connection.timeout !== undefined ? { timeout: connection.timeout } : {}),
    ...(headers ? { headers: { ...headers } } : {}),
  };
}

/**
 * The shape of an SDK `APIPromise` rxllm uses: a promise of the parsed data (which carries the request id as
 * `_request_id`, as both SDKs set it), and for streams `withResponse()` for the request id header. A wrapper
 * returning a plain Promise works too (a stream then has no request id).
 */
export interface ApiPromiseLike<T> extends PromiseLike<T> {
  withResponse?(): Promise<{ readonly data: T; readonly request_id?: string | null }>;
}

/** The request id the SDKs attach to a parsed body (`_request_id`, not enumerable), if any. */
function requestIdOf(data: unknown): string | undefined {
  const id = typeof data === 'object' && data !== null ? (data as { _request_id?: unknown })._request_id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The SDK's configured timeout (for `TimeoutError.timeoutMs`), if the client exposes it. */
export function clientTimeout(client: unknown, override: number | undefined): number | undefined {
  if (override !== undefined) return override;
  const t = (client as { timeout?: unknown }).timeout;
  return typeof t === 'number' ? t : undefined;
}
