import { Observable } from 'rxjs';
import { makeChoice, makeGeneration, textContent, type Generation } from '../core/generation.js';
import { checkKnownKeys, type KnownKeys } from '../core/known-keys.js';
import type { LanguageModel } from '../core/language-model.js';
import { inputText, type PromptInput } from '../core/prompt.js';
import type { GenerationEvent } from '../core/stream-event.js';
import { checkOptions, describe } from '../core/validate.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { checkedInput } from './fake-calls.js';

/** Options of `instantModel`. */
export interface InstantModelOptions {
  /** The reply: a fixed text or a function of the prompt. @default echo the prompt's text */
  readonly text?: string | ((input: PromptInput) => string);
  /**
   * `'sync'`: answer during `subscribe`. `'microtask'`: answer in a microtask (so a pipeline really has
   * several calls in flight, without timers).
   * @default 'sync'
   */
  readonly timing?: 'sync' | 'microtask';
}

/** Every `InstantModelOptions` name (any other throws `InvalidArgumentError`). */
const OPTION_NAMES: KnownKeys<InstantModelOptions> = { text: true, timing: true };

/** A model that answers at once and only counts its calls: no records, so it can take millions. */
export interface InstantModel extends LanguageModel {
  /** How many calls so far. */
  readonly callCount: number;
  /** How many calls are in flight now. */
  readonly active: number;
  /** The most calls ever in flight at once. */
  readonly maxActive: number;
}

/**
 * A zero-latency fake for volume tests: answers every call with no timers, keeps only counters.
 * Use `fakeModel` when timing, errors or call records matter.
 *
 * @param options The reply text and whether to answer synchronously or in a microtask. @default echo, sync
 * @example
 * const model = instantModel({ text: 'ok', timing: 'microtask' });
 * generateFrom(model, hugeGenerator()).subscribe({ complete: () => console.log(model.callCount) });
 */
export function instantModel(options: InstantModelOptions = {}): InstantModel {
  checkOptions('options', options, { required: true });
  checkKnownKeys('options', options, OPTION_NAMES);
  const { text = inputText, timing = 'sync' } = options;
  if (typeof text !== 'string' && typeof text !== 'function') {
    throw new InvalidArgumentError('options.text', `must be a string or a function, got ${describe(text)}`);
  }
  if (timing !== 'sync' && timing !== 'microtask') {
    throw new InvalidArgumentError('options.timing', `must be 'sync' or 'microtask', got ${describe(timing)}`);
  }
  const reply = typeof text === 'function' ? text : () => text;
  let callCount = 0;
  let active = 0;
  let maxActive = 0;
  const answer = <T>(deliver: (subscriber: { next(v: T): void; complete(): void }) => void) =>
    new Observable<T>((subscriber) => {
      callCount++;
      if (++active > maxActive) maxActive = active;
      let done = false;
      const run = (): void => {
        if (done) return;
        done = true;
        active--;
        deliver(subscriber);
      };
      if (timing === 'sync') run();
      else queueMicrotask(run);
      return () => {
        if (!done) {
          done = true;
          active--;
        }
      };
    });
  const generation = (input: PromptInput): Generation => {
    const choice = makeChoice({ index: 0, content: textContent(reply(input)), finishReason: 'stop', rawFinishReason: 'stop' });
    return makeGeneration([choice], { provider: 'fake', modelId: 'instant' });
  };
  return {
    provider: 'fake',
    modelId: 'instant',
    generate: (input) =>
      checkedInput(input) &&
      answer<Generation>((s) => {
        s.next(generation(input));
        s.complete();
      }),
    stream: (input) =>
      checkedInput(input) &&
      answer<GenerationEvent>((s) => {
        const t = reply(input);
        s.next({ type: 'start', provider: 'fake', modelId: 'instant' });
        if (t) s.next({ type: 'text-delta', index: 0, text: t });
        s.next({ type: 'finish', index: 0, finishReason: 'stop', rawFinishReason: 'stop' });
        s.complete();
      }),
    get callCount() {
      return callCount;
    },
    get active() {
      return active;
    },
    get maxActive() {
      return maxActive;
    },
  };
}
