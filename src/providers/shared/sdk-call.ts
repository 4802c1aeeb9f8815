import { defer, type Observable } from 'rxjs';
import type { LlmError } from '../../errors/llm-error.js';
import type { GenerationEvent } from '../../core/stream-event.js';
import type { ErrorContext } from './map-sdk-error.js';
import { abortErrorFor } from './abort-signal.js';
import type { CallSettings } from '../../core/call-settings.js';
import { sdkObservable } from './sdk-observable.js';

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

/** Turns stream items into `GenerationEvent`s and remembers the text so far. */
export interface StreamTranslator<E> {
  push(item: E): GenerationEvent[];
  end(): GenerationEvent[];
  readonly partialText: string;
  readonly textStarted: boolean;
}

/** A cold Observable of one non-streamed call: emits `parse(data, requestId)`, then completes. */
export function responseCall<C, T>(plan: SdkCallPlan<C>, parse: (data: unknown, requestId: string | undefined) => T): Observable<T> {
  return defer(() => {
    let timeoutMs = plan.timeout;
    let sentAt = 0;
    const run = async (signal: AbortSignal): Promise<{ readonly value: T }> => {
      const client = await plan.getClient();
      timeoutMs = clientTimeout(client, plan.timeout);
      sentAt = Date.now();
      // The parsed body: the SDKs attach the request id to it (`_request_id`), so `withResponse()` (a second
      // promise chain and a header lookup per request) is not needed, and a plain Promise from a wrapper works.
      const data = await plan.send(client, signal);
      return { value: parse(data, requestIdOf(data)) }; // emitted once the call is over (see sdkObservable)
    };
    const mapError = (e: unknown): LlmError => plan.mapError(e, { provider: plan.provider, timeoutMs, elapsedMs: Date.now() - sentAt });
    return sdkObservable(run, { signal: plan.signal, mapError, abortError: abortErrorFor(plan.provider) });
  });
}

/** A cold Observable of one streamed call: iterates the SDK's stream through a fresh translator per subscriber. */
export function streamCall<C, E>(plan: SdkCallPlan<C>, translator: (requestId: string | undefined) => StreamTranslator<E>): Observable<GenerationEvent> {
  return defer(() => {
    let timeoutMs = plan.timeout;
    let sentAt = 0;
    let current: StreamTranslator<E> | undefined;
    const run = async (signal: AbortSignal, emit: (event: GenerationEvent) => void): Promise<{ readonly value: GenerationEvent } | undefined> => {
      const client = await plan.getClient();
      timeoutMs = clientTimeout(client, plan.timeout);
      sentAt = Date.now();
      const sent = plan.send(client, signal);
      const { data, request_id } = typeof sent.withResponse === 'function' ? await sent.withResponse() : { data: await sent, request_id: undefined };
      const t = (current = translator(request_id ?? undefined));
      for await (const item of data as AsyncIterable<E>) {
        for (const event of t.push(item)) emit(event);
      }
      const tail = t.end();
      tail.slice(0, -1).forEach((event) => emit(event));
      // The body is read to its end: the last event is emitted once the call is over (see sdkObservable).
      return tail.length > 0 ? { value: tail[tail.length - 1]! } : undefined;
    };
    const mapError = (e: unknown): LlmError =>
      plan.mapError(e, {
        provider: plan.provider,
        timeoutMs,
        elapsedMs: Date.now() - sentAt,
        streaming: true,
        partialText: current?.partialText,
        textStarted: current?.textStarted,
      });
    return sdkObservable(run, { signal: plan.signal, mapError, abortError: abortErrorFor(plan.provider) });
  });
}

/** The SDK request options for one call: our abort signal, extra headers, retries and timeout. */
export function sdkRequestOptions(
  signal: AbortSignal,
  settings: CallSettings,
  options: { readonly maxRetries?: number; readonly timeout?: number },
): Record<string, unknown> {
  return {
    signal,
    maxRetries: options.maxRetries ?? 0,
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    ...(settings.headers ? { headers: { ...settings.headers } } : {}),
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
