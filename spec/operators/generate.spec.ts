import { BehaviorSubject, EMPTY, mergeMap, Observable, of, take, throwError, type OperatorFunction } from 'rxjs';
import type { Generation } from '../../src/core/generation.js';
import type { PromptInput } from '../../src/core/prompt.js';
import type { GenerationFailure, GenerationOutcome, IndexedGeneration } from '../../src/engine/generate-options.js';
import { InvalidArgumentError, LlmError, ServerError } from '../../src/errors/index.js';
import { generate } from '../../src/operators/generate.js';
import { isGenerationFailure } from '../../src/operators/is-generation-failure.js';
import { fakeModel } from '../../src/testing/fake-model.js';
import { instantModel } from '../../src/testing/instant-model.js';
import { texts } from '../../src/testing/texts.js';
import { testScheduler } from '../support/test-scheduler.js';

const scheduler = testScheduler;

/** A fake whose latency for each prompt is given by the map (default 1). */
const timed = (latency: Record<string, number>) => fakeModel((input) => ({ text: String(input), latency: latency[String(input)] ?? 1 }));

describe('generate', () => {
  describe('concurrency', () => {
    it('never runs more than `concurrency` requests; the rest wait for a free slot', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const model = fakeModel((input) => ({ text: String(input), latency: 4 }));
        expectObservable(cold('abcdef|').pipe(generate(model, { concurrency: 2 }), texts())).toBe('----ab--cd--e(f|)');
        expectSubscriptions(model.subscriptions).toBe(['^---!', '-^---!', '----^---!', '-----^---!', '--------^---!', '---------^---!']);
        flush();
        expect(model.maxActive).toBe(2);
      });
    });

    it('defaults to 8 at once', () => {
      scheduler().run(({ flush }) => {
        const model = fakeModel({ text: 'x', latency: 3 });
        of(...'abcdefghijkl').pipe(generate(model)).subscribe();
        flush();
        expect(model.maxActive).toBe(8);
        expect(model.calls.map((c) => c.subscribedAt)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3]);
      });
    });

    it('runs everything at once with Infinity', () => {
      scheduler().run(({ flush }) => {
        const model = fakeModel({ text: 'x', latency: 3 });
        of(...'abcdefghijkl').pipe(generate(model, { concurrency: Infinity })).subscribe();
        flush();
        expect(model.maxActive).toBe(12);
      });
    });

    it('follows a dynamic limit: starts more when it rises, cancels nothing when it falls', () => {
      scheduler().run(({ cold, flush }) => {
        const limit$ = new BehaviorSubject(1);
        const concurrency = { get limit() { return limit$.value; }, changes: limit$ };
        const model = fakeModel({ text: 'x', latency: 5 });
        cold('--a---b').subscribe((v) => limit$.next(v === 'a' ? 3 : 1));
        of(...'abcdefgh').pipe(generate(model, { concurrency })).subscribe();
        flush();
        // t0: 1 running. t2: limit 3 -> two more. t5: a ends -> d starts (3 running). t6: limit 1, nothing
        // cancelled; b, c end at 7 leaving d alone. Then one at a time.
        expect(model.calls.map((c) => c.subscribedAt)).toEqual([0, 2, 2, 5, 10, 15, 20, 25]);
        expect(model.calls.every((c) => c.outcome === 'completed')).toBe(true);
        expect(model.maxActive).toBe(3);
      });
    });

    it('treats a dynamic limit below 1 (or NaN) as 1: never stalls, never unbounded', () => {
      scheduler().run(({ expectObservable }) => {
        const model = fakeModel({ text: 'x', latency: 1 });
        const concurrency = { limit: 0, changes: EMPTY };
        expectObservable(of('a', 'b').pipe(generate(model, { concurrency }), texts())).toBe('-x(x|)');
        const broken = { limit: NaN, changes: EMPTY };
        expectObservable(of('a', 'b').pipe(generate(model, { concurrency: broken }), texts())).toBe('-x(x|)');
      });
    });
  });

  describe('order', () => {
    it('emits in completion order by default and in input order with ordered: true', () => {
      scheduler().run(({ cold, expectObservable }) => {
        const model = timed({ a: 5, b: 1, c: 2 });
        expectObservable(cold('abc|').pipe(generate(model, { concurrency: 3 }), texts())).toBe('--b-c(a|)');
        expectObservable(cold('abc|').pipe(generate(model, { concurrency: 3, ordered: true }), texts())).toBe('-----(abc|)');
      });
    });

    it('bounds what waits for a slow earlier prompt: at most concurrency + reorderBuffer taken and not emitted', () => {
      scheduler().run(({ cold, flush }) => {
        const model = timed({ a: 10 });
        const out: string[] = [];
        cold('abcdef|').pipe(generate(model, { concurrency: 2, ordered: true, reorderBuffer: 1 }), texts()).subscribe((t) => out.push(t));
        flush();
        // a (slow) + b and c (done, waiting) = 3 taken: d waits until a is emitted at 10.
        expect(model.calls.map((c) => c.subscribedAt)).toEqual([0, 1, 2, 10, 10, 11]);
        expect(out).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      });
    });
  });

  describe('errors', () => {
    const failing = () =>
      fakeModel((input) => (input === 'b' ? { error: new ServerError('b failed'), latency: 1 } : { text: String(input), latency: 3 }));

    it("errors: 'emit' turns a failed prompt into a failure record: count in = count out, indexes right", () => {
      scheduler().run(({ cold, expectObservable }) => {
        const model = failing();
        const out = cold('abcd|').pipe(generate(model, { errors: 'emit', withIndex: true, concurrency: 2 }));
        const failure: GenerationFailure = { ok: false, index: 1, input: 'b', error: new ServerError('b failed'), attempts: 1 };
        const ok = (index: number, input: string): IndexedGeneration => ({
          ok: true,
          index,
          input,
          generation: expect.objectContaining({ text: input }) as Generation,
          attempts: 1,
        });
        expectObservable(out).toBe('--xa-c(d|)', { x: failure, a: ok(0, 'a'), c: ok(2, 'c'), d: ok(3, 'd') });
      });
    });

    it("errors: 'emit' keeps input order with ordered: true and loses nothing over many prompts", () => {
      scheduler().run(({ flush }) => {
        const model = fakeModel((input) => (Number(input) % 3 === 0 ? { error: new ServerError('x'), latency: 1 } : { text: String(input), latency: 2 }));
        const prompts = Array.from({ length: 30 }, (_, i) => String(i));
        const out: GenerationOutcome[] = [];
        of(...prompts).pipe(generate(model, { errors: 'emit', withIndex: true, ordered: true, concurrency: 4 })).subscribe((r) => out.push(r));
        flush();
        expect(out.map((r) => r.index)).toEqual(prompts.map((_, i) => i));
        expect(out.filter((r) => !r.ok).map((r) => r.index)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
      });
    });

    it("errors: 'throw' errors at the failure and cancels the requests in flight", () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const model = failing();
        expectObservable(cold('abc|').pipe(generate(model), texts())).toBe('--#', undefined, new ServerError('b failed'));
        expectSubscriptions(model.subscriptions).toBe(['^-!', '-^!', '--(^!)']);
      });
    });

    it('a bad prompt value is a failure record with emit, an InvalidArgumentError with throw', () => {
      const model = instantModel();
      const out: unknown[] = [];
      of<PromptInput[]>('a', 42 as never, []).pipe(generate(model, { errors: 'emit' })).subscribe((r) => out.push(r));
      expect(out).toHaveLength(3);
      expect(isGenerationFailure(out[1]) && out[1].error).toBeInstanceOf(InvalidArgumentError);
      expect(isGenerationFailure(out[1]) && (out[1].error as InvalidArgumentError).argument).toBe('prompts[1]');
      expect(isGenerationFailure(out[2]) && out[2].index).toBe(2);
      let error: unknown;
      of('a', 42 as never).pipe(generate(model)).subscribe({ error: (e: unknown) => (error = e) });
      expect((error as InvalidArgumentError).argument).toBe('prompts[1]');
    });

    it('wraps a non-LlmError in an LlmError with emit (the original as cause) and passes it as-is with throw', () => {
      const model = { ...instantModel(), generate: () => throwError(() => new TypeError('bug')) };
      const out: unknown[] = [];
      of('a').pipe(generate(model, { errors: 'emit' })).subscribe((r) => out.push(r));
      const failure = out[0] as GenerationFailure;
      expect(failure.error).toBeInstanceOf(LlmError);
      expect(failure.error.cause).toBeInstanceOf(TypeError);
      let error: unknown;
      of('a').pipe(generate(model)).subscribe({ error: (e: unknown) => (error = e) });
      expect(error).toBeInstanceOf(TypeError);
    });

    it('a request that completes without a generation is a failure, never a lost prompt', () => {
      const model = { ...instantModel(), generate: () => EMPTY };
      const out: unknown[] = [];
      of('a', 'b').pipe(generate(model, { errors: 'emit' })).subscribe((r) => out.push(r));
      expect(out.map((r) => isGenerationFailure(r) && r.index)).toEqual([0, 1]);
    });

    it('errors at once when the source errors, cancelling requests in flight', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const model = fakeModel({ text: 'x', latency: 5 });
        expectObservable(cold('a-#').pipe(generate(model))).toBe('--#');
        expectSubscriptions(model.subscriptions).toBe('^-!');
      });
    });
  });

  describe('options', () => {
    it.each([
      [{ concurrency: -1 }, 'concurrency'],
      [{ concurrency: 0 }, 'concurrency'],
      [{ concurrency: NaN }, 'concurrency'],
      [{ concurrency: 1.5 }, 'concurrency'],
      [{ concurrency: '4' }, 'concurrency'],
      [{ concurrency: { limit: 'x', changes: EMPTY } }, 'concurrency'],
      [{ errors: 'ignore' }, 'errors'],
      [{ ordered: 'yes' }, 'ordered'],
      [{ withIndex: 1 }, 'withIndex'],
      [{ reorderBuffer: -1 }, 'reorderBuffer'],
      [{ callOptions: 'x' }, 'callOptions'],
      [{ concurency: 2 }, 'options.concurency'],
    ])('rejects %p at call time naming %s', (options, argument) => {
      let error: unknown;
      try {
        generate(instantModel(), options as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe(argument);
    });

    it('rejects something that is not a model', () => {
      expect(() => generate({} as never)).toThrow(InvalidArgumentError);
    });

    it('sends callOptions with every call', () => {
      const model = fakeModel('ok');
      of('a', 'b').pipe(generate(model, { callOptions: { temperature: 0, maxTokens: 5 } })).subscribe();
      expect(model.calls.map((c) => c.options)).toEqual([{ temperature: 0, maxTokens: 5 }, { temperature: 0, maxTokens: 5 }]);
    });

    it('types the output by errors/withIndex', () => {
      const model = instantModel();
      const plain: OperatorFunction<PromptInput, Generation> = generate(model);
      const emitted: OperatorFunction<PromptInput, Generation | GenerationFailure> = generate(model, { errors: 'emit' });
      const indexed: OperatorFunction<PromptInput, IndexedGeneration> = generate(model, { withIndex: true });
      const outcome: OperatorFunction<PromptInput, GenerationOutcome> = generate(model, { errors: 'emit', withIndex: true });
      expect([plain, emitted, indexed, outcome].every((f) => typeof f === 'function')).toBe(true);
    });
  });

  describe('teardown', () => {
    it('unsubscribing cancels every request in flight', () => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const model = fakeModel({ text: 'x', latency: 10 });
        expectObservable(cold('abcd').pipe(generate(model, { concurrency: 3 })), '^---!').toBe('');
        expectSubscriptions(model.subscriptions).toBe(['^---!', '-^--!', '--^-!']);
        flush();
        expect(model.calls.map((c) => c.outcome)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      });
    });

    it('does not break unsubscription chains when the result is unsubscribed explicitly', () => {
      scheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
        const source = hot('-a--b--c--d--|');
        const sourceSubs = '^--------!';
        const model = fakeModel((input) => ({ text: String(input), latency: 2 }));
        const result = source.pipe(
          mergeMap((x) => of(x)),
          generate(model),
          mergeMap((g) => of(g.text)),
        );
        expectObservable(result, '^--------!').toBe('---a--b--');
        expectSubscriptions(source.subscriptions).toBe(sourceSubs);
        expectSubscriptions(model.subscriptions).toBe(['-^-!', '----^-!', '-------^-!']);
      });
    });

    it('stops listening to a synchronous source when unsubscribed', () => {
      const sideEffects: number[] = [];
      const synchronous = new Observable<string>((subscriber) => {
        for (let i = 0; !subscriber.closed && i < 10; i++) {
          sideEffects.push(i);
          subscriber.next(String(i));
        }
      });
      const model = instantModel();
      synchronous.pipe(generate(model), take(3)).subscribe();
      expect(sideEffects).toEqual([0, 1, 2]);
      expect(model.callCount).toBe(3);
    });

    it('works with a synchronous source such as of(...)', () => {
      scheduler().run(({ expectObservable }) => {
        const model = fakeModel((input) => ({ text: String(input), latency: 2 }));
        expectObservable(of('a', 'b', 'c').pipe(generate(model, { concurrency: 1 }), texts())).toBe('--a-b-(c|)');
      });
      const out: string[] = [];
      of('a', 'b', 'c').pipe(generate(instantModel()), texts()).subscribe((t) => out.push(t));
      expect(out).toEqual(['a', 'b', 'c']);
    });
  });

  it('runs the README example', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const model = fakeModel((prompt) =>
        prompt === 'b' ? { error: new ServerError('boom'), latency: 1 } : { text: `re ${String(prompt)}`, latency: 3 },
      );
      const out = cold('abc|').pipe(generate(model, { concurrency: 2, errors: 'emit' }), texts());
      expectObservable(out).toBe('--xa-(c|)', { x: 'ServerError#1', a: 're a', c: 're c' });
      expectSubscriptions(model.subscriptions).toBe(['^--!', '-^!', '--^--!']);
    });
  });
});
