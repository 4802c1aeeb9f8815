import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { CallOptions } from '../core/call-settings.js';
import type { Generation } from '../core/generation.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { BatchLanguageModel } from '../core/language-model.js';
import { inputText, type PromptInput } from '../core/prompt.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { checkBoolean, checkOptions, checkScheduler } from '../core/validate.js';
import { parseMarbles } from './fake-marbles.js';
import type { FakeCall, FakeCallKind, FakeModel, FakeModelOptions, FakeSubscriptionLog } from './fake-model-types.js';
import { FakeCallLog, checkFakeIdentity, checkedInput, scriptedReplies, type Out } from './fake-calls.js';
import type { Planned } from './fake-play.js';
import type { FakeReply, FakeScript } from './fake-response.js';
import { buildTimeline, checkReply, type Identity, type Timeline } from './fake-timeline.js';

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
export function fakeModel(script: FakeScript = (input) => inputText(input), options: FakeModelOptions = {}): FakeModel {
  checkFakeOptions(options);
  const draw = scriptedReplies<PromptInput, FakeReply>('fakeModel', script, (reply, name) => {
    const r = checkReply(reply, name);
    if (r.marbles !== undefined) parseMarbles(r.marbles, `${name}.marbles`);
  });
  const scheduler: SchedulerLike = options.scheduler ?? asyncScheduler;
  const who: Identity = { provider: options.provider ?? 'fake', modelId: options.modelId ?? 'fake-model' };
  const log = new FakeCallLog<FakeCallKind, FakeCall['input'], CallOptions>(scheduler, who.provider);
  let replies = 0;

  const timeline = (input: PromptInput): Timeline => {
    const index = replies++;
    return buildTimeline(draw(input, index), input, who, `script (reply #${index})`, index);
  };
  const call = <T>(kind: FakeCallKind, input: FakeCall['input'], callOptions: CallOptions | undefined, plan: (out: Out<T>) => Planned[]) =>
    log.call(kind, input, callOptions, plan);

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
      return log.calls;
    },
    get callCount(): number {
      return log.calls.length;
    },
    get active(): number {
      return log.active;
    },
    get maxActive(): number {
      return log.maxActive;
    },
    get subscriptions(): FakeSubscriptionLog[] {
      return log.logs;
    },
    reset(): void {
      log.reset();
      replies = 0;
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

function finish<T>(out: Out<T>, error: unknown, value: T | undefined): void {
  if (error !== undefined) {
    out.error(error);
    return;
  }
  out.next(value as T);
  out.complete();
}

/** Every `FakeModelOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<FakeModelOptions> = { provider: true, modelId: true, scheduler: true, batch: true };

/** Throws `InvalidArgumentError` naming the option unless `options` is a valid `FakeModelOptions`. */
function checkFakeOptions(options: unknown): asserts options is FakeModelOptions {
  checkOptions('options', options, { required: true });
  checkKnownKeys('options', options, OPTION_NAMES);
  const o = options as Record<string, unknown>;
  checkFakeIdentity(o);
  checkScheduler('options.scheduler', o.scheduler);
  checkBoolean('options.batch', o.batch);
}
