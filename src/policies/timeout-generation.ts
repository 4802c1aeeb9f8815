import { Observable, tap, type MonoTypeOperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { TimeoutError, type TimeoutKind } from '../errors/timeout-error.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { argPath, checkDuration, checkOptions, checkScheduler, schedulerOf } from '../core/validate.js';
import { isPreludeEvent, isStartEvent, isTextDelta } from '../core/stream-event.js';

/**
 * Time limits of one call, in milliseconds. Set any combination; each `Infinity` or unset limit is off. A
 * finite limit is at most `MAX_TIMER_MS` (2^31 - 1 ms, about 24.8 days): a longer one throws `InvalidArgumentError`.
 *
 * @example
 * model.stream('Hi').pipe(timeoutGeneration({ firstToken: 10_000, idle: 5_000, total: 120_000 }));
 */
export interface TimeoutOptions {
  /**
   * Until the first token: for a stream, the first event that is not `start` (normally the first
   * `text-delta`); for `generate`, the `Generation`. Counted from subscription.
   * @default none
   */
  readonly firstToken?: number;
  /**
   * The longest gap between two consecutive events after the first token. When `firstToken` is not set,
   * it also applies before the first token, counted from subscription (so a stalled connection is caught).
   * @default none
   */
  readonly idle?: number;
  /** The whole call, from subscription to completion. @default none */
  readonly total?: number;
  /** The scheduler that times the limits. @default asyncScheduler (virtual time inside `TestScheduler.run`) */
  readonly scheduler?: SchedulerLike;
}

/** Every `TimeoutOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<TimeoutOptions> = { firstToken: true, idle: true, total: true, scheduler: true };

/**
 * Fails a `model.generate(...)` or `model.stream(...)` call that takes too long. When a limit passes, the
 * call is unsubscribed (which aborts its HTTP request) and the output errors with `TimeoutError`, whose
 * `timeout` says which limit fired (`'first-token'`, `'idle'` or `'total'`), `timeoutMs` the limit and
 * `partialText` the text emitted before it (choice 0). A value arriving exactly at the limit is too late.
 * `TimeoutError` is retryable: put `retryGeneration` after this operator to retry timed-out calls.
 *
 * @param options a `TimeoutOptions` object, or a number meaning `{ total: n }`.
 * @example
 * model.generate('Hi').pipe(timeoutGeneration(30_000));
 * model.stream('Hi').pipe(timeoutGeneration({ firstToken: 5_000, idle: 2_000 }), retryGeneration());
 */
export function timeoutGeneration<T>(options: number | TimeoutOptions): MonoTypeOperatorFunction<T> {
  return timeoutGenerationAt<T>('', options);
}

/**
 * `timeoutGeneration` whose bad options are named under `path` (`timeout.idle`): how `generate`'s `timeout`
 * option builds it. Not public API.
 */
export function timeoutGenerationAt<T>(path: string, options: number | TimeoutOptions): MonoTypeOperatorFunction<T> {
  const o = normalizeTimeoutOptions(options, path);
  const scheduler = schedulerOf(o.scheduler);
  const { firstToken, idle, total } = o;

  return (source) =>
    new Observable<T>((subscriber) => {
      let sawFirstToken = false;
      let partialText = '';
      let provider: string | undefined;
      let requestId: string | undefined;
      let phaseTimer: Subscription | undefined; // first-token, then idle

      const fire = (kind: TimeoutKind, ms: number): void => {
        const what =
          kind === 'first-token' ? 'No first token arrived' : kind === 'idle' ? 'No event arrived' : 'The call did not finish';
        subscriber.error(
          new TimeoutError(`${what} within ${ms} ms (${kind} timeout)`, {
            timeout: kind,
            timeoutMs: ms,
            partialText,
            ...(provider !== undefined ? { provider } : {}),
            ...(requestId !== undefined ? { requestId } : {}),
          }),
        );
      };
      const arm = (kind: TimeoutKind, ms: number | undefined): Subscription | undefined =>
        ms === undefined || ms === Infinity ? undefined : scheduler.schedule(() => fire(kind, ms), ms);

      const totalTimer = arm('total', total);
      phaseTimer = firstToken !== undefined ? arm('first-token', firstToken) : arm('idle', idle);

      const onValue = (value: T): void => {
        if (isStartEvent(value)) {
          provider = value.provider;
          requestId = value.requestId;
        } else if (!isPreludeEvent(value)) {
          sawFirstToken = true;
        }
        if (isTextDelta(value) && value.index === 0) partialText += value.text;
        if (sawFirstToken || firstToken === undefined) {
          phaseTimer?.unsubscribe();
          phaseTimer = arm('idle', idle);
        }
      };

      // Passing `subscriber` itself links the source chain to it: a timeout (or the consumer leaving)
      // ends the source subscription at once, even while a synchronous source is emitting.
      source.pipe(tap(onValue)).subscribe(subscriber);
      return () => {
        totalTimer?.unsubscribe();
        phaseTimer?.unsubscribe();
      };
    });
}

function normalizeTimeoutOptions(options: number | TimeoutOptions, path: string): TimeoutOptions {
  const whole = path || 'options';
  const at = (key: string): string => argPath(path, key);
  if (typeof options === 'number') {
    checkDuration(whole, options, { min: 1, allowInfinity: true });
    return { total: options };
  }
  if (options === undefined) throw new InvalidArgumentError(whole, 'is required: a number of ms or { firstToken, idle, total }');
  checkOptions(whole, options);
  checkKnownKeys(whole, options, OPTION_NAMES);
  checkDuration(at('firstToken'), options.firstToken, { min: 1, allowInfinity: true });
  checkDuration(at('idle'), options.idle, { min: 1, allowInfinity: true });
  checkDuration(at('total'), options.total, { min: 1, allowInfinity: true });
  checkScheduler(at('scheduler'), options.scheduler);
  if (options.firstToken === undefined && options.idle === undefined && options.total === undefined) {
    throw new InvalidArgumentError(whole, 'must set at least one of firstToken, idle, total');
  }
  return options;
}
