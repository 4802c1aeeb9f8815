import { Observable, type SchedulerLike } from 'rxjs';
import { normalizePrompt } from '../core/prompt.js';
import { describe } from '../core/validate.js';
import { abortErrorFor, onAbort } from '../platform/abort-signal.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { FakeSubscriptionLog } from './fake-model-types.js';
import { play, type Planned } from './fake-play.js';

/** One recorded call (one subscription) of a fake: `fakeModel`'s `FakeCall`, `fakeEmbedding`'s `FakeEmbeddingCall`. */
export interface RecordedCall<K, I, O> {
  readonly index: number;
  readonly kind: K;
  readonly input: I;
  readonly options: O | undefined;
  readonly subscribedAt: number;
  readonly endedAt: number | undefined;
  readonly outcome: 'active' | 'completed' | 'errored' | 'cancelled';
  readonly error?: unknown;
}

/** The parts of a subscriber a call plan uses. */
export interface Out<T> {
  next(value: T): void;
  error(error: unknown): void;
  complete(): void;
}

/**
 * The call log of a fake: every subscription is recorded (input, options, kind, subscribe and end frames,
 * outcome) and counted (`active`, `maxActive`); its `plan` is played on the scheduler; a `signal` in the
 * options is honoured (an `AbortError` from `provider`). Shared by `fakeModel` and `fakeEmbedding`.
 */
export class FakeCallLog<K, I, O extends { readonly signal?: AbortSignal }> {
  /** Live arrays: `expectSubscriptions` reads them when the test flushes. */
  readonly calls: RecordedCall<K, I, O>[] = [];
  readonly logs: FakeSubscriptionLog[] = [];
  active = 0;
  maxActive = 0;

  constructor(private readonly scheduler: SchedulerLike, private readonly provider: string) {}

  /** One recorded call: `plan` lays out what to emit once subscribed (it may throw: the call errors). */
  call<T>(kind: K, input: I, callOptions: O | undefined, plan: (out: Out<T>) => Planned[]): Observable<T> {
    return new Observable<T>((subscriber) => {
      const { scheduler } = this;
      const record: { -readonly [P in keyof RecordedCall<K, I, O>]: RecordedCall<K, I, O>[P] } = {
        index: this.calls.length, kind, input, options: callOptions, subscribedAt: scheduler.now(), endedAt: undefined, outcome: 'active',
      };
      this.calls.push(record);
      const log: FakeSubscriptionLog = { subscribedFrame: record.subscribedAt, unsubscribedFrame: Infinity };
      this.logs.push(log);
      this.maxActive = Math.max(this.maxActive, ++this.active);
      const end = (outcome: RecordedCall<K, I, O>['outcome'], error?: unknown): void => {
        if (record.outcome !== 'active') return;
        Object.assign(record, { outcome, endedAt: scheduler.now() }, error === undefined ? {} : { error });
        log.unsubscribedFrame = record.endedAt as number;
        this.active--;
      };
      const out: Out<T> = {
        next: (value) => subscriber.next(value),
        error: (error) => (end('errored', error), subscriber.error(error)),
        complete: () => (end('completed'), subscriber.complete()),
      };
      const signal = callOptions?.signal;
      const aborted = (): void => out.error(abortErrorFor(this.provider)());
      if (signal?.aborted) {
        aborted();
        return;
      }
      // One listener per signal however many calls share it, as the real providers do.
      const removeAbortListener = signal ? onAbort(signal, aborted) : undefined;
      let steps: Planned[];
      try {
        steps = plan(out);
      } catch (error) {
        out.error(error);
        return;
      }
      const timer = play(steps, scheduler, () => subscriber.closed);
      return () => {
        removeAbortListener?.();
        timer?.unsubscribe();
        end('cancelled');
      };
    });
  }

  /** Forgets the calls (calls still in flight keep running). */
  reset(): void {
    this.calls.length = 0;
    this.logs.length = 0;
    this.maxActive = this.active;
  }
}

/**
 * A fake's script as a function from (call input, reply index) to a reply: a function is used as it is; a
 * list is consumed in order (a reply beyond its end throws `ConfigurationError`, naming the index); anything
 * else is one reply for every call. Fixed replies are checked now with `check` (which throws
 * `InvalidArgumentError` naming the bad one).
 */
export function scriptedReplies<A, R>(
  owner: string,
  script: R | readonly R[] | ((input: A, index: number) => R),
  check: (reply: R, name: string) => void,
): (input: A, index: number) => R {
  if (typeof script === 'function') return script as (input: A, index: number) => R;
  if (Array.isArray(script)) {
    const list = script as readonly R[];
    list.forEach((r, i) => check(r, `script[${i}]`));
    return (_input, index) => {
      const reply = list[index];
      if (reply === undefined) throw new ConfigurationError(`${owner}: the script has ${list.length} replies; reply #${index} was asked for`);
      return reply;
    };
  }
  if (typeof script !== 'string' && (typeof script !== 'object' || script === null)) {
    throw new InvalidArgumentError('script', `must be a reply, a list of replies or a function, got ${describe(script)}`);
  }
  check(script as R, 'script');
  return () => script as R;
}

/** Throws `InvalidArgumentError` naming `input` unless it is a valid prompt (as the real models do, at call time). */
export function checkedInput(input: unknown): true {
  normalizePrompt(input, 'input');
  return true;
}

/** Throws `InvalidArgumentError` naming the option unless a fake's `provider` and `modelId` are unset or non-empty strings. */
export function checkFakeIdentity(options: { readonly provider?: unknown; readonly modelId?: unknown }): void {
  for (const key of ['provider', 'modelId'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw new InvalidArgumentError(`options.${key}`, `must be a non-empty string, got ${describe(value)}`);
    }
  }
}
