// The argument checks every public function uses (one rule each), and the defaults they share. Each check
// throws `InvalidArgumentError` naming the argument by its full path (`retry.maxAttempts`,
// `callOptions.temperature`): a caller passes the path down, nobody rewrites messages afterwards.
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';

/** A short, safe description of a value's type for error messages (never the value itself). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** `path.key`, or `key` alone when `path` is empty (a top-level argument). */
export function argPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** True for a plain options object: an object that is neither `null` nor an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Throws `InvalidArgumentError` unless `value` is a plain object (not `null`, not an array). `undefined`
 * passes unless `required`. `expected` says what should be there (for the message).
 */
export function checkOptions(
  argument: string,
  value: unknown,
  { required = false, expected = 'an options object' }: { readonly required?: boolean; readonly expected?: string } = {},
): void {
  if (value === undefined && !required) return;
  if (!isPlainObject(value)) throw new InvalidArgumentError(argument, `must be ${expected}, got ${describe(value)}`);
}

/** Throws `InvalidArgumentError` unless `value` is undefined or a number >= `min` (integer if asked). */
export function checkNumber(
  argument: string,
  value: unknown,
  { min = 0, integer = false, allowInfinity = false }: { min?: number; integer?: boolean; allowInfinity?: boolean } = {},
): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new InvalidArgumentError(argument, `must be a number, got ${describe(value)}`);
  }
  if (value === Infinity && allowInfinity) return;
  if (!Number.isFinite(value)) throw new InvalidArgumentError(argument, 'must be a finite number');
  if (integer && !Number.isInteger(value)) throw new InvalidArgumentError(argument, 'must be an integer');
  if (value < min) throw new InvalidArgumentError(argument, `must be >= ${min}, got ${value}`);
}

/**
 * The longest delay a timer can wait, in ms: 2^31 − 1 (about 24.8 days). Node, browsers and RxJS's
 * `asyncScheduler` (built on them) fire a longer `setTimeout` after about 1 ms instead. Every duration option
 * of rxllm is therefore at most this (or `Infinity` where that means "off"), and durations that come from a
 * server or are computed (a `retry-after`, a rate-limiter penalty or token debt) are clamped to it.
 *
 * @example
 * timeoutGeneration(MAX_TIMER_MS); // the longest timeout there is; Infinity turns it off
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Throws `InvalidArgumentError` unless `value` is undefined or a duration in ms: a number >= `min` and at most
 * `MAX_TIMER_MS` (a longer timer would fire at once), or `Infinity` when `allowInfinity` (meaning "off").
 */
export function checkDuration(
  argument: string,
  value: unknown,
  { min = 0, integer = false, allowInfinity = false }: { min?: number; integer?: boolean; allowInfinity?: boolean } = {},
): void {
  checkNumber(argument, value, { min, integer, allowInfinity });
  if (typeof value === 'number' && value > MAX_TIMER_MS && value !== Infinity) {
    const off = allowInfinity ? ' (Infinity turns it off)' : '';
    throw new InvalidArgumentError(argument, `must be at most ${MAX_TIMER_MS} ms (2^31 - 1, about 24.8 days; longer timers fire at once)${off}, got ${value}`);
  }
}

/** `ms` as a delay a timer can wait: clamped to `[0, MAX_TIMER_MS]` (NaN counts as 0). */
export function clampTimerMs(ms: number): number {
  return ms > 0 ? Math.min(ms, MAX_TIMER_MS) : 0;
}

/** Throws `InvalidArgumentError` unless `value` is an integer >= `min`, or `Infinity` (a count or a limit). */
export function checkCount(argument: string, value: unknown, min: number): void {
  const ok = typeof value === 'number' && value >= min && (Number.isInteger(value) || value === Infinity);
  if (!ok) {
    const shown = typeof value === 'number' && !Number.isNaN(value) ? String(value) : describe(value);
    throw new InvalidArgumentError(argument, `must be an integer >= ${min} or Infinity, got ${shown}`);
  }
}

/** Throws `InvalidArgumentError` unless `value` is undefined or an integer > 0 (a token limit, a size, a count of choices). */
export function checkPositiveInteger(argument: string, value: unknown): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value > 0)) {
    throw new InvalidArgumentError(argument, `must be a positive integer, got ${describe(value)}`);
  }
}

/** Throws `InvalidArgumentError` unless `value` is undefined or a boolean. */
export function checkBoolean(argument: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') throw new InvalidArgumentError(argument, `must be a boolean, got ${describe(value)}`);
}

/** Throws `InvalidArgumentError` unless `value` is undefined or a function. */
export function checkFunction(argument: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new InvalidArgumentError(argument, `must be a function, got ${describe(value)}`);
  }
}

/** Throws `InvalidArgumentError` unless `value` is undefined or an array of strings (tags). */
export function checkTags(argument: string, value: unknown): void {
  if (value !== undefined && !(Array.isArray(value) && value.every((t) => typeof t === 'string'))) {
    throw new InvalidArgumentError(argument, `must be an array of strings, got ${describe(value)}`);
  }
}

/** Throws `InvalidArgumentError` unless `value` is undefined or an `AbortSignal` (any realm's: checked by shape). */
export function checkAbortSignal(argument: string, value: unknown): void {
  if (value === undefined) return;
  const s = value as Partial<AbortSignal> | null;
  if (typeof s !== 'object' || s === null || typeof s.addEventListener !== 'function' || !('aborted' in s)) {
    throw new InvalidArgumentError(argument, `must be an AbortSignal, got ${describe(value)}`);
  }
}

/** Throws `InvalidArgumentError` unless `value` is undefined or a scheduler (has `now` and `schedule`). */
export function checkScheduler(argument: string, value: unknown): void {
  if (value === undefined) return;
  const s = value as Partial<SchedulerLike> | null;
  if (typeof s !== 'object' || s === null || typeof s.now !== 'function' || typeof s.schedule !== 'function') {
    throw new InvalidArgumentError(argument, `must be an RxJS scheduler, got ${describe(value)}`);
  }
}

/** The scheduler to use: the one given, else `asyncScheduler` (virtual time inside `TestScheduler.run`). */
export function schedulerOf(scheduler: SchedulerLike | undefined): SchedulerLike {
  return scheduler ?? asyncScheduler;
}
