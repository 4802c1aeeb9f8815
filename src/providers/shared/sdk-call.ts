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
    const run = async (signal: AbortSignal, emit: (value: T) => void): Promise<void> => {
      const client = await plan.getClient();
      timeoutMs = clientTimeout(client, plan.timeout);
      sentAt = Date.now();
      const { data, request_id } = await plan.send(client, signal).withResponse();
      emit(parse(data, request_id ?? undefined));
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
    const run = async (signal: AbortSignal, emit: (event: GenerationEvent) => void): Promise<void> => {
      const client = await plan.getClient();
      timeoutMs = clientTimeout(client, plan.timeout);
      sentAt = Date.now();
      const { data, request_id } = await plan.send(client, signal).withResponse();
      const t = (current = translator(request_id ?? undefined));
      for await (const item of data as AsyncIterable<E>) {
        for (const event of t.push(item)) emit(event);
      }
      for (const event of t.end()) emit(event);
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
