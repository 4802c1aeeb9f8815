import { Observable } from 'rxjs';
import type { LlmError } from '../../errors/llm-error.js';
import { onAbort } from '../../platform/abort-signal.js';

/** How `sdkObservable` reports the end of a call. */
export interface SdkObservableOptions {
  /** The caller's signal (from `CallOptions.signal`): when it aborts, the request is aborted and the Observable errors. */
  readonly signal?: AbortSignal;
  /** Turns whatever the SDK threw into an rxllm error. Called only while someone is still subscribed. */
  readonly mapError: (error: unknown) => LlmError;
  /** The error to raise when the caller's signal aborts. */
  readonly abortError: () => LlmError;
}

/**
 * The one place rxllm turns an SDK call into a cold Observable (think rxjs `fromFetch`).
 *
 * `run` is called on subscribe, once per subscriber, with a fresh `AbortSignal` to pass to the SDK's request
 * options and an `emit` function; the Observable completes when the returned promise resolves. A promise that
 * resolves with `{ value }` has the call's last value emitted only then, once the call is over: a consumer
 * that takes it and leaves (`firstValueFrom`, `take(1)`) aborts nothing — an abort of a finished request
 * still costs an abort event, an `AbortError` and the HTTP client's abort handling.
 * - Nothing happens before subscribe; each subscription runs `run` again (its own HTTP request).
 * - Unsubscribing aborts the signal: the SDK closes the socket, and whatever it throws afterwards is swallowed
 *   (no error reaches anyone, no unhandled rejection).
 * - The caller's `signal` aborts the same way but errors with `abortError()`; a signal that is already aborted
 *   errors at once, before anything is sent. The listener on the caller's signal is removed at teardown.
 * - Values emitted after the call ended or was aborted are dropped.
 *
 * @example
 * sdkObservable((signal, emit) => client.chat.completions.create(body, { signal }).then(emit), {
 *   mapError: mapOpenAIError, abortError: () => new AbortError(),
 * });
 */
export function sdkObservable<T>(
  run: (signal: AbortSignal, emit: (value: T) => void) => Promise<void | { readonly value: T }>,
  options: SdkObservableOptions,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    const caller = options.signal;
    if (caller?.aborted) {
      subscriber.error(options.abortError());
      return undefined;
    }
    const controller = new AbortController();
    let settled = false;
    const removeCallerListener = caller ? onAbort(caller, () => controller.abort(caller.reason)) : undefined;
    const finish = (): void => {
      settled = true;
      removeCallerListener?.();
    };
    const emit = (value: T): void => {
      if (!settled && !controller.signal.aborted) subscriber.next(value);
    };

    let pending: Promise<void | { readonly value: T }>;
    try {
      pending = run(controller.signal, emit);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (last) => {
        if (settled) return;
        finish();
        // The SDKs end a stream quietly when its signal aborts: a caller abort must still surface.
        if (caller?.aborted) {
          subscriber.error(options.abortError());
          return;
        }
        if (last !== undefined) subscriber.next(last.value);
        subscriber.complete();
      },
      (error: unknown) => {
        if (settled) return;
        finish();
        subscriber.error(caller?.aborted ? options.abortError() : options.mapError(error));
      },
    );

    return () => {
      if (settled) return;
      finish();
      controller.abort();
    };
  });
}
