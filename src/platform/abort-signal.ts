import { Observable, identity, type MonoTypeOperatorFunction } from 'rxjs';
import { AbortError } from '../errors/abort-error.js';
import type { LlmError } from '../errors/llm-error.js';

/**
 * One abort listener per caller signal, shared by every call that uses it.
 *
 * A caller may pass the same `AbortSignal` to thousands of calls (one signal for a whole batch or session).
 * Adding one listener per call would trip Node's `MaxListenersExceededWarning` at the 11th concurrent call
 * and keep every finished call reachable until the signal fires. Instead each signal gets a single real
 * listener that fans out to a `Set` of callbacks; the real listener is removed when the set empties.
 */
const fanouts = new WeakMap<AbortSignal, { readonly callbacks: Set<() => void>; readonly listener: () => void }>();

/**
 * Calls `callback` once when `signal` aborts. Returns a function that removes it (safe to call twice).
 * Does nothing (and returns a no-op) when the signal has already aborted: callers check `aborted` first.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) return () => undefined;
  let entry = fanouts.get(signal);
  if (!entry) {
    const callbacks = new Set<() => void>();
    const listener = (): void => {
      fanouts.delete(signal);
      for (const cb of [...callbacks]) cb();
      callbacks.clear();
    };
    entry = { callbacks, listener };
    fanouts.set(signal, entry);
    signal.addEventListener('abort', listener, { once: true });
  }
  const { callbacks } = entry;
  callbacks.add(callback);
  return () => {
    if (!callbacks.delete(callback) || callbacks.size > 0) return;
    const current = fanouts.get(signal);
    if (current && current.callbacks === callbacks) {
      fanouts.delete(signal);
      signal.removeEventListener('abort', current.listener);
    }
  };
}

/** The error for a caller's aborted signal: the same kind every provider, policy and wrapper raises. */
export function abortErrorFor(provider: string | undefined): () => AbortError {
  return () => new AbortError('The call was aborted by its signal', { ...(provider === undefined ? {} : { provider }), code: 'aborted' });
}

/**
 * Ends the source at once when `signal` aborts: the source is unsubscribed (a wait ends, a queued request
 * leaves its queue, an HTTP request is aborted) and the output errors with `abortError()`. An already
 * aborted signal errors at once, before the source is subscribed. One listener per signal (`onAbort`),
 * removed at teardown. Without a signal, the source is returned unchanged.
 */
export function endOnAbort<T>(signal: AbortSignal | undefined, abortError: () => LlmError): MonoTypeOperatorFunction<T> {
  if (signal === undefined) return identity;
  return (source) =>
    new Observable<T>((subscriber) => {
      if (signal.aborted) {
        subscriber.error(abortError());
        return undefined;
      }
      subscriber.add(onAbort(signal, () => subscriber.error(abortError())));
      // Passing `subscriber` itself links the source to it: the error above tears the source down at once.
      source.subscribe(subscriber);
      return undefined;
    });
}
