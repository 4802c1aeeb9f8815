import { asyncScheduler, Observable, type SchedulerLike } from 'rxjs';
import { abortErrorFor, onAbort } from '../providers/shared/abort-signal.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { Generation } from '../core/generation.js';
import type { GenerationEvent } from '../core/stream-event.js';
import type { CallOptions } from '../core/call-settings.js';
import { normalizePrompt, promptToText, type PromptInput } from '../core/prompt.js';
import { describe } from '../core/validate.js';
import type { BatchLanguageModel } from '../core/language-model.js';
import type { FakeReply, FakeScript } from './fake-response.js';
import { buildTimeline, checkReply, type Identity, type Timeline } from './fake-timeline.js';
import { play, type Planned } from './fake-play.js';
import { parseMarbles } from './fake-marbles.js';
import type { FakeCall, FakeCallKind, FakeModel, FakeModelOptions, FakeSubscriptionLog } from './fake-model-types.js';

/**
 * A scripted `LanguageModel` for tests. Replies, token timing, usage and errors come from `script`; time
 * runs on `options.scheduler` (default `asyncScheduler`, which runs in virtual time inside
 * `TestScheduler.run`), so whole pipelines are testable with marbles. Every subscription is one call and
 * is recorded in `calls` (input, options, kind, subscribe and end frames, outcome); `subscriptions` gives
 * them in the form `expectSubscriptions` takes. A `signal` in the call options is honoured.
 *
 * @param script The replies. @default echo: each call answers its prompt's text, instantly
 * @param options Provider key, model id, scheduler, and `batch: true` to add `generateBatch`.
 * @example
 * new TestScheduler((a, e) => expect(a).toEqual(e)).run(({ cold, expectObservable }) => {
 *   const model = fakeModel((input) => ({ text: `re: ${input}`, latency: 3 }));
 *   expectObservable(cold('ab|').pipe(generate(model), texts())).toBe('---a(b|)', { a: 're: a', b: 're: b' });
 * });
 */
export function fakeModel(script: FakeScript | undefined, options: FakeModelOptions & { readonly batch: true }): FakeModel & BatchLanguageModel;
export function fakeModel(script?: FakeScript, options?: FakeModelOptions): FakeModel;
export function fakeModel(script: FakeScript = (input) => promptToText(input), options: FakeModelOptions = {}): FakeModel {
  checkFakeOptions(options);
  const draw = replySource(script);
  const scheduler: SchedulerLike = options.scheduler ?? asyncScheduler;
  const who: Identity = { provider: options.provider ?? 'fake', modelId: options.modelId ?? 'fake-model' };
  const calls: FakeCall[] = []; // live arrays: `expectSubscriptions` reads them when the test flushes
  const logs: FakeSubscriptionLog[] = [];
  let replies = 0;
  let active = 0;
  let maxActive = 0;

  const timeline = (input: PromptInput): Timeline => {
    const index = replies++;
    return buildTimeline(draw(input, index), input, who, `script (reply #${index})`);
  };

  /** One recorded call: `plan` lays out what to emit once subscribed. */
  const call = <T>(kind: FakeCallKind, input: FakeCall['input'], callOptions: CallOptions | undefined, plan: (out: Out<T>) => Planned[]) =>
    new Observable<T>((subscriber) => {
      const record: { -readonly [K in keyof FakeCall]: FakeCall[K] } = {
        index: calls.length, kind, input, options: callOptions, subscribedAt: scheduler.now(), endedAt: undefined, outcome: 'active',
      };
      calls.push(record);
      const log: FakeSubscriptionLog = { subscribedFrame: record.subscribedAt, unsubscribedFrame: Infinity };
      logs.push(log);
      maxActive = Math.max(maxActive, ++active);
      const end = (outcome: FakeCall['outcome'], error?: unknown): void => {
        if (record.outcome !== 'active') return;
        Object.assign(record, { outcome, endedAt: scheduler.now() }, error === undefined ? {} : { error });
        log.unsubscribedFrame = record.endedAt as number;
        active--;
      };
      const out: Out<T> = {
        next: (value) => subscriber.next(value),
        error: (error) => (end('errored', error), subscriber.error(error)),
        complete: () => (end('completed'), subscriber.complete()),
      };
      const signal = callOptions?.signal;
      const aborted = (): void => out.error(abortErrorFor(who.provider)());
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

  const model = {
    provider: who.provider,
    modelId: who.modelId,
    generate: (input: PromptInput, callOptions?: CallOptions) =>
      checkedInput(input) &&
      call<Generation>('generate', input, callOptions, (out) => {
        const { end } = timeline(input);
        return end ? [{ at: end.at, run: () => finish(out, end.error, end.generation) }] : [];
      }),
    stream: (input: PromptInput, callOptions?: CallOptions) =>
      checkedInput(input) &&
      call<GenerationEvent>('stream', input, callOptions, (out) => {
        const { steps, end } = timeline(input);
        const planned: Planned[] = steps.map((s) => ({ at: s.at, run: () => s.events.forEach(out.next) }));
        if (end) planned.push({ at: end.at, run: () => (end.error === undefined ? out.complete() : out.error(end.error)) });
        return planned;
      }),
    get calls(): readonly FakeCall[] {
      return calls;
    },
    get callCount(): number {
      return calls.length;
    },
    get active(): number {
      return active;
    },
    get maxActive(): number {
      return maxActive;
    },
    get subscriptions(): FakeSubscriptionLog[] {
      return logs;
    },
    reset(): void {
      calls.length = 0;
      logs.length = 0;
      replies = 0;
      maxActive = active;
    },
  };
  if (options.batch) {
    const generateBatch = (inputs: readonly PromptInput[], callOptions?: CallOptions) =>
      call<Generation[]>('batch', inputs, callOptions, (out) => {
        const ends = inputs.map((input) => timeline(input).end);
        const failure = ends.filter((e) => e?.error !== undefined).sort((a, b) => (a?.at ?? 0) - (b?.at ?? 0))[0];
        if (failure) return [{ at: failure.at, run: () => out.error(failure.error) }];
        if (ends.some((e) => e === undefined)) return [];
        const at = Math.max(0, ...ends.map((e) => e?.at ?? 0));
        return [{ at, run: () => finish(out, undefined, ends.map((e) => e?.generation as Generation)) }];
      });
    return Object.assign(model, { generateBatch });
  }
  return model;
}

/** The parts of a subscriber a call plan uses. */
interface Out<T> {
  next(value: T): void;
  error(error: unknown): void;
  complete(): void;
}

function finish<T>(out: Out<T>, error: unknown, value: T | undefined): void {
  if (error !== undefined) {
    out.error(error);
    return;
  }
  out.next(value as T);
  out.complete();
}

/** The script as a function from (prompt, reply index) to a reply; fixed replies are checked now. */
function replySource(script: FakeScript): (input: PromptInput, index: number) => FakeReply {
  if (typeof script === 'function') return script;
  const check = (reply: FakeReply, name: string): FakeReply => {
    const r = checkReply(reply, name);
    if (r.marbles !== undefined) parseMarbles(r.marbles, `${name}.marbles`);
    return reply;
  };
  if (Array.isArray(script)) {
    const list = (script as readonly FakeReply[]).map((r, i) => check(r, `script[${i}]`));
    return (_input, index) => {
      const reply = list[index];
      if (reply === undefined) {
        throw new ConfigurationError(`fakeModel: the script has ${list.length} replies; reply #${index} was asked for`);
      }
      return reply;
    };
  }
  if (typeof script !== 'string' && (typeof script !== 'object' || script === null)) {
    throw new InvalidArgumentError('script', `must be a reply, a list of replies or a function, got ${describe(script)}`);
  }
  const reply = check(script as FakeReply, 'script');
  return () => reply;
}

/** Throws `InvalidArgumentError` naming `input` unless it is a valid prompt (as the real models do, at call time). */
function checkedInput(input: unknown): true {
  normalizePrompt(input, 'input');
  return true;
}

/** Throws `InvalidArgumentError` naming the option unless `options` is a valid `FakeModelOptions`. */
/** Every `FakeModelOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<FakeModelOptions> = { provider: true, modelId: true, scheduler: true, batch: true };

function checkFakeOptions(options: unknown): asserts options is FakeModelOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError('options', `must be an options object, got ${describe(options)}`);
  }
  checkKnownKeys('options', options, OPTION_NAMES);
  const o = options as Record<string, unknown>;
  for (const key of ['provider', 'modelId'] as const) {
    if (o[key] !== undefined && (typeof o[key] !== 'string' || o[key] === '')) {
      throw new InvalidArgumentError(`options.${key}`, `must be a non-empty string, got ${describe(o[key])}`);
    }
  }
  const s = o.scheduler as Partial<SchedulerLike> | undefined | null;
  if (s !== undefined && (typeof s !== 'object' || s === null || typeof s.now !== 'function' || typeof s.schedule !== 'function')) {
    throw new InvalidArgumentError('options.scheduler', `must be an RxJS scheduler, got ${describe(s)}`);
  }
  if (o.batch !== undefined && typeof o.batch !== 'boolean') {
    throw new InvalidArgumentError('options.batch', `must be a boolean, got ${describe(o.batch)}`);
  }
}
