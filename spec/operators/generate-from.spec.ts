import { from, mergeMap, Observable, of, take, tap } from 'rxjs';
import type { Generation } from '../../src/core/generation.js';
import type { LanguageModel } from '../../src/core/language-model.js';
import type { PromptInput } from '../../src/core/prompt.js';
import { InvalidArgumentError, ServerError } from '../../src/errors/index.js';
import { generateFrom } from '../../src/operators/generate-from.js';
import { fakeGeneration } from '../../src/testing/fake-generation.js';
import { fakeModel } from '../../src/testing/fake-model.js';
import { instantModel } from '../../src/testing/instant-model.js';
import { texts } from '../../src/testing/texts.js';
import { counting } from '../support/rx-helpers.js';
import { testScheduler } from '../support/test-scheduler.js';

const scheduler = testScheduler;

describe('generateFrom', () => {
  describe('pulling', () => {
    it('takes the next prompt only when a slot is free', () => {
      scheduler().run(({ flush }) => {
        const model = fakeModel((input) => ({ text: String(input), latency: 3 }));
        const { iterable, state } = counting(['a', 'b', 'c', 'd', 'e']);
        const out: string[] = [];
        generateFrom(model, iterable, { concurrency: 2 }).pipe(texts()).subscribe((t) => out.push(t));
        expect(state.pulled).toBe(2);
        flush();
        expect(model.calls.map((c) => c.subscribedAt)).toEqual([0, 0, 3, 3, 6]);
        expect(out).toEqual(['a', 'b', 'c', 'd', 'e']);
        expect(model.maxActive).toBe(2);
      });
    });

    it('measures it: mergeMap over from(array) buffers every waiting prompt, generateFrom none', () => {
      scheduler().run(({ flush }) => {
        const prompts = Array.from({ length: 100 }, (_, i) => `p${i}`);
        const viaMergeMap = fakeModel({ text: 'x', latency: 5 });
        let pushed = 0;
        let doneMergeMap = 0;
        from(prompts)
          .pipe(
            tap(() => pushed++),
            mergeMap((p) => viaMergeMap.generate(p), 4),
          )
          .subscribe(() => doneMergeMap++);
        const viaGenerateFrom = fakeModel({ text: 'x', latency: 5 });
        const { iterable, state } = counting(prompts);
        let doneGenerateFrom = 0;
        generateFrom(viaGenerateFrom, iterable, { concurrency: 4 }).subscribe(() => doneGenerateFrom++);

        // Taken from the source but not started: held in a buffer.
        expect(pushed - viaMergeMap.active).toBe(96);
        expect(state.pulled - viaGenerateFrom.active).toBe(0);
        flush();
        expect([doneMergeMap, doneGenerateFrom]).toEqual([100, 100]);
      });
    });

    it('with ordered: true takes at most concurrency + reorderBuffer prompts not yet emitted', () => {
      scheduler().run(({ flush }) => {
        const model = fakeModel((input) => ({ text: String(input), latency: input === 'a' ? 10 : 1 }));
        const stats = { pulled: 0, emitted: 0, most: 0 };
        function* prompts(): Generator<string> {
          for (const p of 'abcdefg') {
            stats.pulled++;
            stats.most = Math.max(stats.most, stats.pulled - stats.emitted);
            yield p;
          }
        }
        const out: string[] = [];
        generateFrom(model, prompts(), { concurrency: 2, ordered: true, reorderBuffer: 2 })
          .pipe(texts())
          .subscribe((t) => {
            stats.emitted++;
            out.push(t);
          });
        flush();
        // a is slow: b, c, d finish and wait (2 in flight + 2 waiting = 4 taken); e waits for a to be emitted.
        expect(model.calls.map((c) => c.subscribedAt)).toEqual([0, 0, 1, 2, 10, 10, 11]);
        expect(stats.most).toBe(4);
        expect(out).toEqual([...'abcdefg']);
      });
    });
  });

  describe('a million lazy prompts', () => {
    /** A generator of n prompts that records the most prompts taken and not yet emitted, at each pull. */
    function million(n: number, emitted: () => number) {
      const stats = { pulled: 0, most: 0 };
      function* prompts(): Generator<string> {
        for (let i = 0; i < n; i++) {
          stats.pulled++;
          stats.most = Math.max(stats.most, stats.pulled - emitted());
          yield 'p';
        }
      }
      return { prompts: prompts(), stats };
    }

    it('holds at most `concurrency` prompts in progress (unordered)', async () => {
      const model = instantModel({ text: 'ok', timing: 'microtask' });
      let emitted = 0;
      const { prompts, stats } = million(1_000_000, () => emitted);
      await new Promise<void>((resolve, reject) =>
        generateFrom(model, prompts, { concurrency: 8 }).subscribe({ next: () => emitted++, error: reject, complete: resolve }),
      );
      expect(emitted).toBe(1_000_000);
      expect(stats.pulled).toBe(1_000_000);
      expect(stats.most).toBeLessThanOrEqual(8);
      expect(model.maxActive).toBe(8);
    });

    it('holds at most concurrency + reorderBuffer prompts in progress (ordered, answers out of order)', async () => {
      // Answers after (call number mod 5) microtask hops, so results finish out of order.
      let calls = 0;
      const answer: Generation = fakeGeneration('ok');
      const scrambled: LanguageModel = {
        provider: 'x',
        modelId: 'x',
        generate: () =>
          new Observable<Generation>((subscriber) => {
            let hops = calls++ % 5;
            const step = (): void => {
              if (hops-- > 0) queueMicrotask(step);
              else {
                subscriber.next(answer);
                subscriber.complete();
              }
            };
            queueMicrotask(step);
          }),
        stream: () => of(),
      };
      let emitted = 0;
      const { prompts, stats } = million(1_000_000, () => emitted);
      await new Promise<void>((resolve, reject) =>
        generateFrom(scrambled, prompts, { concurrency: 8, ordered: true, reorderBuffer: 4 }).subscribe({
          next: () => emitted++,
          error: reject,
          complete: resolve,
        }),
      );
      expect(emitted).toBe(1_000_000);
      expect(stats.most).toBeLessThanOrEqual(8 + 4);
    });
  });

  describe('errors and sources', () => {
    it("errors: 'emit' yields one output per prompt", () => {
      const model = fakeModel((input) => (input === 'b' ? { error: new ServerError('no') } : String(input)));
      const out: string[] = [];
      generateFrom(model, ['a', 'b', 'c'], { errors: 'emit' }).pipe(texts()).subscribe((t) => out.push(t));
      expect(out).toEqual(['a', 'ServerError#1', 'c']);
    });

    it('errors the output when the iterator throws (whatever `errors` says) and cancels requests in flight', () => {
      scheduler().run(({ expectObservable, expectSubscriptions }) => {
        const model = fakeModel({ text: 'x', latency: 5 });
        const boom = new Error('file read failed');
        function* broken(): Generator<string> {
          yield 'a';
          throw boom;
        }
        expectObservable(generateFrom(model, broken(), { errors: 'emit' })).toBe('#', undefined, boom);
        expectSubscriptions(model.subscriptions).toBe('(^!)');
      });
    });

    it('pulls an AsyncIterable one prompt at a time and errors when it rejects', async () => {
      const model = instantModel({ timing: 'microtask' });
      const state = { pulled: 0, most: 0, emitted: 0 };
      async function* lines(): AsyncGenerator<string> {
        for (let i = 0; i < 50; i++) {
          state.pulled++;
          state.most = Math.max(state.most, state.pulled - state.emitted);
          yield `line ${i}`;
        }
      }
      await new Promise<void>((resolve) =>
        generateFrom(model, lines(), { concurrency: 3 }).subscribe({ next: () => state.emitted++, complete: resolve }),
      );
      expect(state.emitted).toBe(50);
      expect(state.most).toBeLessThanOrEqual(3);

      async function* failing(): AsyncGenerator<string> {
        yield 'a';
        throw new Error('disk gone');
      }
      await expect(
        new Promise((resolve, reject) => generateFrom(model, failing()).subscribe({ error: reject, complete: () => resolve('done') })),
      ).rejects.toThrow('disk gone');
    });

    it('reads an array afresh for each subscription', () => {
      const model = instantModel();
      const source = generateFrom(model, ['a', 'b']).pipe(texts());
      const out: string[] = [];
      source.subscribe((t) => out.push(t));
      source.subscribe((t) => out.push(t));
      expect(out).toEqual(['a', 'b', 'a', 'b']);
    });

    it.each([[42], [null], ['abc'], [{}]])('rejects the source %p', (bad) => {
      let error: unknown;
      try {
        generateFrom(instantModel(), bad as never);
      } catch (e) {
        error = e;
      }
      expect((error as InvalidArgumentError).argument).toBe('source');
    });

    it('rejects bad options at call time', () => {
      expect(() => generateFrom(instantModel(), [], { concurrency: -2 })).toThrow(InvalidArgumentError);
    });
  });

  describe('teardown', () => {
    it('unsubscribing stops pulling, calls return() and cancels every request in flight', () => {
      scheduler().run(({ expectObservable, expectSubscriptions, flush }) => {
        const model = fakeModel({ text: 'x', latency: 10 });
        const { iterable, state } = counting(['a', 'b', 'c', 'd', 'e']);
        expectObservable(generateFrom(model, iterable, { concurrency: 3 }), '^---!').toBe('');
        expectSubscriptions(model.subscriptions).toBe(['^---!', '^---!', '^---!']);
        flush();
        expect(state).toEqual({ pulled: 3, returned: true });
      });
    });

    it('does not break unsubscription chains when the result is unsubscribed explicitly', () => {
      scheduler().run(({ expectObservable, expectSubscriptions, flush }) => {
        const model = fakeModel((input) => ({ text: String(input), latency: 2 }));
        const { iterable, state } = counting(['a', 'b', 'c', 'd', 'e']);
        const result = generateFrom(model, iterable, { concurrency: 1 }).pipe(
          mergeMap((g) => of(g)),
          texts(),
        );
        expectObservable(result, '^----!').toBe('--a-b');
        expectSubscriptions(model.subscriptions).toBe(['^-!', '--^-!', '----^!']);
        flush();
        expect(state).toEqual({ pulled: 3, returned: true });
      });
    });

    it('works with a synchronous source and model, and stops at once when unsubscribed', () => {
      const model = instantModel();
      const { iterable, state } = counting(Array.from({ length: 10 }, (_, i) => String(i)));
      const out: string[] = [];
      generateFrom(model, iterable).pipe(take(3), texts()).subscribe((t) => out.push(t));
      expect(out).toEqual(['0', '1', '2']);
      expect(state).toEqual({ pulled: 3, returned: true });
      expect(model.callCount).toBe(3);
    });

    it('ends an async iterator with return() when unsubscribed', async () => {
      let finished = false;
      async function* endless(): AsyncGenerator<PromptInput> {
        try {
          for (;;) yield 'p';
        } finally {
          finished = true;
        }
      }
      const model = instantModel({ timing: 'microtask' });
      await new Promise<void>((resolve) => generateFrom(model, endless()).pipe(take(5)).subscribe({ complete: resolve }));
      await new Promise((resolve) => setImmediate(resolve));
      expect(finished).toBe(true);
    });
  });
});
