// The sequential-attempts core shared by `retryGeneration` and `fallback`: run attempt 1, and on failure
// either run another attempt (after a delay) or give up. Streams are only tried again before they commit.
import { catchError, defer, switchMap, tap, throwError, timer, type Observable, type SchedulerLike } from 'rxjs';
import { StreamError } from '../errors/stream-error.js';
import { isLlmError } from '../errors/llm-error.js';
import { isPreludeEvent, isTextDelta } from '../core/stream-event.js';

/** What to do after attempt `attempt` failed with `error`. */
export interface AttemptPlan {
  /** The failure is of a kind the policy handles (used to wrap failures after the first token). */
  readonly recoverable: boolean;
  /** Milliseconds to wait before the next attempt; `undefined` gives up with the error. */
  readonly delayMs?: number;
}

/** How `runAttempts` decides. Either function may throw (a user callback did): the output errors with it. */
export interface AttemptPolicy {
  plan(error: unknown, attempt: number, elapsedMs: number): AttemptPlan;
  /** Called just before waiting `delayMs` for attempt `attempt + 1`. */
  announce?(error: unknown, attempt: number, delayMs: number): void;
}


/**
 * Subscribes to `attempt(1)`, then `attempt(2)`... while `policy` says so. Values pass straight through
 * (nothing is buffered). Once anything but a `start` or `step-start` event has been emitted the attempt is committed: a
 * later failure is not tried again; if the policy would have handled it and the values were stream events,
 * it errors with `StreamError` carrying the text emitted so far (choice 0) and the original as `cause`.
 */
export function runAttempts<T>(
  attempt: (n: number) => Observable<T>,
  policy: AttemptPolicy,
  scheduler: SchedulerLike,
): Observable<T> {
  return defer(() => {
    const startedAt = scheduler.now();
    let committed = false;
    let streamed = false;
    let partialText = '';

    const observe = (value: T): void => {
      if (!isPreludeEvent(value)) {
        committed = true;
        if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') streamed = true;
      }
      if (isTextDelta(value) && value.index === 0) partialText += value.text;
    };

    const run = (n: number): Observable<T> =>
      defer(() => attempt(n)).pipe(
        tap(observe),
        catchError((error: unknown) => {
          const plan = policy.plan(error, n, scheduler.now() - startedAt);
          if (committed) {
            return throwError(() => (streamed && plan.recoverable ? afterFirstToken(error, partialText) : error));
          }
          if (plan.delayMs === undefined) return throwError(() => error);
          policy.announce?.(error, n, plan.delayMs);
          return timer(plan.delayMs, scheduler).pipe(switchMap(() => run(n + 1)));
        }),
      );

    return run(1);
  });
}

/** The `StreamError` for a stream that failed after emitting text, when it could not be tried again. */
function afterFirstToken(error: unknown, partialText: string): StreamError {
  const base = isLlmError(error) ? error : undefined;
  const reason = error instanceof Error ? error.message : 'unknown error';
  return new StreamError(`The stream failed after its first token, so it was not tried again: ${reason}`, {
    partialText,
    cause: error,
    ...(base?.provider !== undefined ? { provider: base.provider } : {}),
    ...(base?.statusCode !== undefined ? { statusCode: base.statusCode } : {}),
    ...(base?.requestId !== undefined ? { requestId: base.requestId } : {}),
  });
}
