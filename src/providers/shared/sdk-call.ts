import { defer, type Observable } from 'rxjs';
import type { LlmError } from '../../errors/llm-error.js';
import type { GenerationEvent } from '../../core/stream-event.js';
import type { ErrorContext } from './map-sdk-error.js';
import { AbortError } from '../../errors/abort-error.js';
import type { CallSettings } from '../../core/call-settings.js';
import type { Usage } from '../../core/generation.js';
import { sdkObservable } from './sdk-observable.js';
import { registerCredentials } from './register-credentials.js';
import { redactGenerationEvent } from '../../core/redact-generation.js';

/** How to make one SDK call: the client, the request, and how its errors translate. */
export interface SdkCallPlan<C> {
  readonly provider: string;
  readonly getClient: () => Promise<C>;
  /** Sends the request with the SDK, passing `signal` in its request options. */
  readonly send: (client: C, signal: AbortSignal) => ApiPromiseLike<unknown>;
  /** The `timeout` option (else the client's own timeout is reported in `TimeoutError.timeoutMs`). */
  readonly timeout?: number;
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
 * `redactEmbeddingResult` for embeddings), then completes.
 */
export function responseCall<C, T>(
  plan: SdkCallPlan<C>,
  parse: (data: unknown, requestId: string | undefined) => T,
  redactValue: (value: T) => T,
): Observable<T> {
  return sdkCall<C, T>(plan, () => ({
    handle: (data, requestId, emit) => emit(redactValue(parse(data, requestId))),
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
      handle: async (data, requestId, emit) => {
        const t = (current = translator(requestId));
        for await (const item of data as AsyncIterable<E>) {
          for (const event of t.push(item)) emit(redactGenerationEvent(event));
        }
        for (const event of t.end()) emit(redactGenerationEvent(event));
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

/** What one subscription does with the SDK's answer, and what its errors should know. */
interface CallHandler<T> {
  handle(data: unknown, requestId: string | undefined, emit: (value: T) => void): void | Promise<void>;
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
    let timeoutMs = plan.timeout;
    let sentAt = 0;
    let client: C | undefined;
    const run = async (signal: AbortSignal, emit: (value: T) => void): Promise<void> => {
      client = await plan.getClient();
      registerCredentials({ client });
      timeoutMs = clientTimeout(client, plan.timeout);
      sentAt = Date.now();
      const { data, request_id } = await plan.send(client, signal).withResponse();
      registerCredentials({ client }); // a key refreshed for this request (an apiKey function)
      await h.handle(data, request_id ?? undefined, emit);
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
export function sdkRequestOptions(
  signal: AbortSignal,
  settings: CallSettings,
  options: { readonly maxRetries?: number; readonly timeout?: number },
): Record<string, unknown> {
  registerCredentials({ headers: settings.headers });
  return {
    signal,
    maxRetries: options.maxRetries ?? 0,
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    ...(settings.headers ? { headers: { ...settings.headers } } : {}),
  };
}

/** The error for a caller's aborted signal. */
export function abortErrorFor(provider: string): () => AbortError {
  return () => new AbortError('The call was aborted by its signal', { provider, code: 'aborted' });
}

/** The shape of an SDK `APIPromise` rxllm uses: the parsed data plus the request id header. */
export interface ApiPromiseLike<T> {
  withResponse(): Promise<{ readonly data: T; readonly request_id?: string | null }>;
}

/** The SDK's configured timeout (for `TimeoutError.timeoutMs`), if the client exposes it. */
export function clientTimeout(client: unknown, override: number | undefined): number | undefined {
  if (override !== undefined) return override;
  const t = (client as { timeout?: unknown }).timeout;
  return typeof t === 'number' ? t : undefined;
}
