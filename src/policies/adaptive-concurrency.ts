import { Subject, defer, tap, type MonoTypeOperatorFunction, type Observable, type SchedulerLike } from 'rxjs';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import { checkDuration, checkNumber, checkOptions, checkScheduler, schedulerOf } from '../core/validate.js';
import { isTransientRateLimit } from '../errors/error-kinds.js';

/**
 * Bounds and pace of an `adaptiveConcurrency` controller. A number means `{ max: n }`.
 *
 * @example
 * adaptiveConcurrency({ initial: 32, min: 2, max: 32, decreaseFactor: 0.5, cooldownMs: 2000 })
 */
export interface AdaptiveConcurrencyOptions {
  /** The limit never goes below this (an integer >= 1). @default 1 */
  readonly min?: number;
  /** The limit never goes above this (an integer >= min). @default 16 */
  readonly max?: number;
  /** The limit to start with (an integer in [min, max]). @default max */
  readonly initial?: number;
  /** On a 429, the limit becomes `floor(limit * decreaseFactor)` (at least `min`). In (0, 1). @default 0.5 */
  readonly decreaseFactor?: number;
  /** Added to the limit after each round of `limit` successes (at most `max`). An integer >= 1. @default 1 */
  readonly increaseStep?: number;
  /**
   * After a cut, no other cut for this long (ms, at most `MAX_TIMER_MS`). The main guard needs no timer: a 429 from a request that
   * started before the last cut never cuts again, so a burst of 429s from one wave counts once. A cooldown
   * adds a floor on top (measured: with 100 ms calls, a 1000 ms cooldown reacts too slowly to a 4x overload).
   * @default 0
   */
  readonly cooldownMs?: number;
  /** The clock of the cooldown. @default asyncScheduler (virtual time inside `TestScheduler.run`) */
  readonly scheduler?: SchedulerLike;
}

/** Every `AdaptiveConcurrencyOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<AdaptiveConcurrencyOptions> = {
  min: true, max: true, initial: true, decreaseFactor: true, increaseStep: true, cooldownMs: true, scheduler: true,
};

/** A concurrency limit that learns from outcomes. Pass it as `generate(model, { concurrency })`. */
export interface AdaptiveConcurrency {
  /** The current limit on requests in flight. */
  readonly limit: number;
  /** Emits the new limit each time it changes. */
  readonly changes: Observable<number>;
  /**
   * Wraps one attempt (one request): its completion counts as a success, its `RateLimitError` (unless the
   * quota is exhausted) as a 429. Other errors and cancellations count as neither.
   */
  observe<T>(): MonoTypeOperatorFunction<T>;
}

/**
 * An AIMD concurrency controller (additive increase, multiplicative decrease, as TCP does): on a 429 the
 * limit is cut by `decreaseFactor`, once per wave (a 429 from a request started before the last cut does
 * not cut again, nor does one within `cooldownMs` of it); after every `limit` successes of requests
 * started since the last cut it grows by `increaseStep` (one per round), within `[min, max]`. Under a
 * shared quota this stops retry storms: fewer requests in flight, fewer 429s, and the limit settles just
 * under what the provider allows.
 *
 * @param options an `AdaptiveConcurrencyOptions` object, or a number meaning `{ max: n }`. @default {}
 * @example
 * const concurrency = adaptiveConcurrency({ max: 32 });
 * prompts$.pipe(generate(model, { concurrency, retry: { maxAttempts: 6 } }));
 * concurrency.changes.subscribe((n) => console.log('now', n, 'in flight'));
 */
export function adaptiveConcurrency(options: number | AdaptiveConcurrencyOptions = {}): AdaptiveConcurrency {
  const o = normalizeAdaptiveOptions(options);
  const min = o.min ?? 1;
  const max = o.max ?? Math.max(16, min);
  const decreaseFactor = o.decreaseFactor ?? 0.5;
  const increaseStep = o.increaseStep ?? 1;
  const cooldownMs = o.cooldownMs ?? 0;
  const scheduler = schedulerOf(o.scheduler);
  if (max < min) throw new InvalidArgumentError('max', `must be >= min (${min}), got ${max}`);
  const initial = o.initial ?? max;
  if (initial < min || initial > max) throw new InvalidArgumentError('initial', `must be within [${min}, ${max}], got ${initial}`);

  const changes = new Subject<number>();
  let limit = initial;
  let epoch = 0; // bumped by every cut
  let lastCutAt = -Infinity;
  let successes = 0;

  const set = (next: number): void => {
    if (next !== limit) {
      limit = next;
      changes.next(limit);
    }
  };
  const onSuccess = (startedIn: number): void => {
    if (startedIn !== epoch) return; // a request from before the last cut says nothing about the new limit
    successes += 1;
    if (successes >= limit) {
      successes = 0;
      set(Math.min(max, limit + increaseStep));
    }
  };
  const onRateLimited = (startedIn: number): void => {
    const now = scheduler.now();
    if (startedIn !== epoch || now - lastCutAt < cooldownMs) return;
    lastCutAt = now;
    epoch += 1;
    successes = 0;
    set(Math.max(min, Math.floor(limit * decreaseFactor)));
  };

  return {
    get limit() {
      return limit;
    },
    changes: changes.asObservable(),
    observe<T>(): MonoTypeOperatorFunction<T> {
      return (source) =>
        defer(() => {
          const startedIn = epoch;
          return source.pipe(
            tap({
              complete: () => onSuccess(startedIn),
              error: (error: unknown) => {
                if (isTransientRateLimit(error)) onRateLimited(startedIn);
              },
            }),
          );
        });
    },
  };
}

function normalizeAdaptiveOptions(options: number | AdaptiveConcurrencyOptions): AdaptiveConcurrencyOptions {
  if (typeof options === 'number') {
    checkNumber('options', options, { min: 1, integer: true });
    return { max: options };
  }
  checkOptions('options', options);
  checkKnownKeys('options', options, OPTION_NAMES);
  checkNumber('min', options.min, { min: 1, integer: true });
  checkNumber('max', options.max, { min: 1, integer: true });
  checkNumber('initial', options.initial, { min: 1, integer: true });
  checkNumber('increaseStep', options.increaseStep, { min: 1, integer: true });
  checkDuration('cooldownMs', options.cooldownMs);
  checkScheduler('scheduler', options.scheduler);
  const f = options.decreaseFactor;
  if (f !== undefined && (typeof f !== 'number' || !(f > 0 && f < 1))) {
    throw new InvalidArgumentError('decreaseFactor', 'must be a number between 0 and 1 (exclusive)');
  }
  return options;
}
