import { from, mergeMap, of, take } from 'rxjs';
import { InvalidArgumentError, ServerError, AbortError, RateLimitError } from '../../src/errors/index.js';
import type { EmbedOutcome, EmbeddedValue } from '../../src/engine/embed-options.js';
import { embedFrom } from '../../src/operators/embed-from.js';
import { createRateLimiter } from '../../src/policies/rate-limiter/rate-limiter.js';
import { textVector } from '../../src/simulator/routes/openai-embeddings.js';
import { fakeEmbedding } from '../../src/testing/fake-embedding.js';
import { expectInvalid } from '../support/invalid-argument.js';
import { collect, counting } from '../support/rx-helpers.js';
import { testScheduler as scheduler } from '../support/test-scheduler.js';

const words = (n: number, prefix = 'v'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const sizes = (model: { calls: readonly { input: readonly string[] }[] }): number[] => model.calls.map((c) => c.input.length);

describe('embedFrom', () => {
  describe('batching', () => {
    it('groups values by batchSize and emits { index, value, embedding } for each, with the model\'s vectors', () => {
      scheduler().run(({ flush }) => {
        const model = fakeEmbedding({ latency: 2 }, { dimensions: 4 });
        const out: EmbeddedValue[] = [];
        embedFrom(model, words(25), { batchSize: 10, ordered: true }).subscribe((r) => out.push(r));
        flush();
        expect(sizes(model)).toEqual([10, 10, 5]);
        expect(model.calls.map((c) => c.input)).toEqual([words(25).slice(0, 10), words(25).slice(10, 20), words(25).slice(20)]);
        expect(out.map((r) => r.index)).toEqual(Array.from({ length: 25 }, (_, i) => i));
        expect(out[13]).toEqual({ ok: true, index: 13, value: 'v13', embedding: textVector('fake-embedding', 'v13', 4), attempts: 1 });
      });
    });

    it('defaults to 100 values per request, or the model\'s maxBatchSize when smaller', () => {
      scheduler().run(({ flush }) => {
        const big = fakeEmbedding();
        const small = fakeEmbedding({}, { maxBatchSize: 30 });
        embedFrom(big, words(250)).subscribe();
        embedFrom(small, words(70)).subscribe();
        flush();
        expect(sizes(big)).toEqual([100, 100, 50]);
        expect(sizes(small)).toEqual([30, 30, 10]);
      });
    });

    it('closes a batch before a value that would take it over maxBatchTokens; a value over the budget goes alone', () => {
      scheduler().run(({ flush }) => {
        const model = fakeEmbedding();
        // 'hello world': 2 tokens; 'a b c d e f g h': 8 tokens.
        const values = ['hello world', 'hello world', 'hello world', 'a b c d e f g h', 'hello world', 'hello world'];
        embedFrom(model, values, { maxBatchTokens: 5, batchSize: 50 }).subscribe();
        flush();
        expect(model.calls.map((c) => c.input)).toEqual([
          ['hello world', 'hello world'],
          ['hello world'],
          ['a b c d e f g h'],
          ['hello world', 'hello world'],
        ]);
      });
    });

    it('counts tokens only where the byte bound would not fit: long texts still batch by count under a generous budget', () => {
      scheduler().run(({ flush }) => {
        const model = fakeEmbedding();
        const long = 'lorem ipsum '.repeat(500); // ~1,000 tokens, bound 18,000
        embedFrom(model, Array.from({ length: 30 }, () => long), { batchSize: 10, maxBatchTokens: 60_000 }).subscribe();
        flush();
        expect(sizes(model)).toEqual([10, 10, 10]); // the bound (180,000) did not fit: counted exactly, and fits
      });
    });

    it('sends a partial batch maxBatchWaitMs after its first value when the source is slow', () => {
      const s = scheduler();
      s.run(({ cold, flush }) => {
        const model = fakeEmbedding({ latency: 1 });
        const source = cold('a-b-c---------d|');
        const out: [number, string][] = [];
        let completedAt = -1;
        embedFrom(model, source, { batchSize: 10, maxBatchWaitMs: 3 }).subscribe({
          next: (r) => out.push([s.now(), r.value]),
          complete: () => (completedAt = s.now()),
        });
        flush();
        // a batch at 3 ([a, b]: 3 after a), at 7 ([c]: 3 after c), at 15 ([d]: the source ended); each answered 1 later.
        expect(model.calls.map((c) => [c.subscribedAt, c.input])).toEqual([[3, ['a', 'b']], [7, ['c']], [15, ['d']]]);
        expect(out).toEqual([[4, 'a'], [4, 'b'], [8, 'c'], [16, 'd']]);
        expect(completedAt).toBe(16);
      });
    });

    it('pulls lazily: only the values of the batches that can start', () => {
      scheduler().run(({ flush }) => {
        const model = fakeEmbedding({ latency: 5 });
        const { iterable, state } = counting(words(20));
        let emitted = 0;
        embedFrom(model, iterable, { batchSize: 3, concurrency: 2 }).subscribe(() => emitted++);
        expect(state.pulled).toBe(6);
        expect(model.active).toBe(2);
        flush();
        expect(emitted).toBe(20);
        expect(sizes(model)).toEqual([3, 3, 3, 3, 3, 3, 2]);
        expect(model.maxActive).toBe(2);
      });
    });

    it('holds at most the batches in flight (plus the reorder buffer) over 10,000 values', () => {
      scheduler().run(({ flush }) => {
        const model = fakeEmbedding((_values, i) => ({ latency: 1 + (i % 4) * 3 }));
        const stats = { pulled: 0, emitted: 0, most: 0 };
        function* values(): Generator<string> {
          for (let i = 0; i < 10_000; i++) {
            stats.pulled++;
            stats.most = Math.max(stats.most, stats.pulled - stats.emitted);
            yield `value ${i}`;
          }
        }
        embedFrom(model, values(), { batchSize: 50, concurrency: 4, ordered: true, reorderBuffer: 2 }).subscribe(() => stats.emitted++);
        flush();
        expect(stats.emitted).toBe(10_000);
        expect(stats.most).toBeLessThanOrEqual((4 + 2) * 50);
      });
    });
  });

  describe('order and concurrency', () => {
    const slowFirst = () => fakeEmbedding((_values, i) => ({ latency: i === 0 ? 10 : 2 }));

    it('emits each batch as it finishes, or in source order with ordered: true', () => {
      scheduler().run(({ flush }) => {
        const unordered: number[] = [];
        const ordered: number[] = [];
        embedFrom(slowFirst(), words(6), { batchSize: 2 }).subscribe((r) => unordered.push(r.index));
        embedFrom(slowFirst(), words(6), { batchSize: 2, ordered: true }).subscribe((r) => ordered.push(r.index));
        flush();
        expect(unordered).toEqual([2, 3, 4, 5, 0, 1]);
        expect(ordered).toEqual([0, 1, 2, 3, 4, 5]);
      });
    });

    it('runs at most `concurrency` requests at once', () => {
      scheduler().run(({ flush }) => {
        const model = fakeEmbedding({ latency: 3 });
        embedFrom(model, words(40), { batchSize: 4, concurrency: 3 }).subscribe();
        flush();
        expect(model.maxActive).toBe(3);
        expect(model.calls.map((c) => c.subscribedAt)).toEqual([0, 0, 0, 3, 3, 3, 6, 6, 6, 9]);
      });
    });

    it('passes callOptions (dimensions...) to every request', () => {
      scheduler().run(({ flush }) => {
        const model = fakeEmbedding();
        const out: EmbeddedValue[] = [];
        embedFrom(model, ['a', 'b'], { callOptions: { dimensions: 3, tags: ['t'] } }).subscribe((r) => out.push(r));
        flush();
        expect(model.calls[0]!.options).toEqual({ dimensions: 3, tags: ['t'] });
        expect(out.map((r) => r.embedding.length)).toEqual([3, 3]);
      });
    });

    it('returns each item\'s meta with its outcome', () => {
      scheduler().run(({ flush }) => {
        const out: EmbeddedValue<string>[] = [];
        embedFrom(fakeEmbedding(), [{ value: 'a', meta: 'doc-1' }, 'b', { value: 'c', meta: 'doc-3' }]).subscribe((r) => out.push(r));
        flush();
        expect(out.map((r) => [r.value, r.meta])).toEqual([['a', 'doc-1'], ['b', undefined], ['c', 'doc-3']]);
        expect('meta' in out[1]!).toBe(false);
      });
    });
  });

  describe('failures', () => {
    const failing = (n: number, error: unknown) => fakeEmbedding((_values, i) => (i === n ? { latency: 2, error } : { latency: 2 }));

    it("errors: 'throw' errors the output with the first failed batch and cancels the others", () => {
      scheduler().run(({ expectObservable, expectSubscriptions }) => {
        const error = new ServerError('boom');
        const model = fakeEmbedding((_values, i) => (i === 1 ? { latency: 2, error } : { latency: i === 0 ? 1 : 5 }));
        const out = embedFrom(model, words(6), { batchSize: 1, concurrency: 3 }).pipe(mergeMap((r) => of(r.value)));
        expectObservable(out).toBe('-a#', { a: 'v0' }, error);
        expectSubscriptions(model.subscriptions).toBe(['^!', '^-!', '^-!', '-^!']);
      });
    });

    it("errors: 'emit' gives every value of a failed batch a failure with the batch's error; the others go on", () => {
      scheduler().run(({ flush }) => {
        const error = new ServerError('boom');
        const out: EmbedOutcome[] = [];
        embedFrom(failing(1, error), words(6), { batchSize: 2, errors: 'emit', ordered: true }).subscribe((r) => out.push(r));
        flush();
        expect(out.map((r) => r.ok)).toEqual([true, true, false, false, true, true]);
        expect(out[2]).toEqual({ ok: false, index: 2, value: 'v2', error, attempts: 1 });
        expect(out[3]).toMatchObject({ ok: false, index: 3, value: 'v3', error });
      });
    });

    it('retries a failed batch whole, through the retry policy', () => {
      scheduler().run(({ flush }) => {
        const model = fakeEmbedding([{ latency: 1, error: new RateLimitError('slow down', { retryAfterMs: 4 }) }, { latency: 1 }]);
        const out: EmbeddedValue[] = [];
        embedFrom(model, ['a', 'b'], { retry: { maxAttempts: 2 } }).subscribe((r) => out.push(r));
        flush();
        expect(model.calls.map((c) => [c.subscribedAt, c.input])).toEqual([[0, ['a', 'b']], [5, ['a', 'b']]]);
        expect(out.map((r) => r.attempts)).toEqual([2, 2]);
      });
    });

    it("an invalid value fails alone and is never sent (errors: 'emit'); it errors the output with errors: 'throw'", () => {
      scheduler().run(({ flush }) => {
        const model = fakeEmbedding();
        const out: EmbedOutcome[] = [];
        const values = ['a', '', 42, { value: 'b', extra: 1 }, { value: 'c', meta: 7 }] as unknown as string[];
        embedFrom(model, values, { errors: 'emit' }).subscribe((r) => out.push(r));
        flush();
        expect(model.calls.map((c) => c.input)).toEqual([['a', 'c']]);
        expect(out.map((r) => r.ok)).toEqual([true, false, false, false, true]);
        const failures = out.filter((r) => !r.ok);
        expect(failures.map((f) => f.error.name)).toEqual(['InvalidArgumentError', 'InvalidArgumentError', 'InvalidArgumentError']);
        expect(failures.map((f) => (f.error as InvalidArgumentError).argument)).toEqual(['values[1]', 'values[2]', 'values[3].extra']);
        expect(failures.map((f) => [f.value, f.attempts])).toEqual([['', 0], [42, 0], ['b', 0]]);
        expect(out[4]).toMatchObject({ ok: true, value: 'c', meta: 7 });

        let error: unknown;
        embedFrom(fakeEmbedding(), ['a', ''] as string[]).subscribe({ error: (e: unknown) => (error = e) });
        flush();
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect((error as InvalidArgumentError).argument).toBe('values[1]');
      });
    });

    it('an aborted callOptions.signal fails the batches in flight with AbortError', () => {
      const s = scheduler();
      s.run(({ flush }) => {
        const controller = new AbortController();
        const model = fakeEmbedding({ latency: 10 });
        const out: EmbedOutcome[] = [];
        embedFrom(model, words(4), { batchSize: 2, errors: 'emit', callOptions: { signal: controller.signal } }).subscribe((r) => out.push(r));
        s.schedule(() => controller.abort(), 3);
        flush();
        expect(out).toHaveLength(4);
        expect(out.every((r) => !r.ok && r.error instanceof AbortError)).toBe(true);
      });
    });
    it('an aborted callOptions.signal ends a batch waiting to be retried at once; nothing more is sent', () => {
      const s = scheduler();
      s.run(({ flush }) => {
        const controller = new AbortController();
        const model = fakeEmbedding([{ latency: 1, error: new RateLimitError('slow down', { retryAfterMs: 1_000 }) }, { latency: 1 }]);
        const out: EmbedOutcome[] = [];
        let endedAt: number | undefined;
        embedFrom(model, ['a', 'b'], { errors: 'emit', retry: { maxAttempts: 3 }, callOptions: { signal: controller.signal } }).subscribe({
          next: (r) => out.push(r),
          complete: () => (endedAt = s.now()),
        });
        s.schedule(() => controller.abort(), 10); // in the 1,000-frame retry-after wait
        flush();
        expect(endedAt).toBe(10);
        expect(model.calls).toHaveLength(1);
        expect(out.map((r) => !r.ok && r.error instanceof AbortError)).toEqual([true, true]);
      });
    });
  });

  describe('rate limit', () => {
    it('each batch reserves its counted input tokens with a tokensPerMinute limiter', () => {
      scheduler().run(({ flush }) => {
        const limiter = createRateLimiter({ tokensPerMinute: 600 }); // 10 tokens burst, 1 per 100 ms
        const model = fakeEmbedding({ latency: 1 });
        embedFrom(model, Array.from({ length: 6 }, () => 'hello world'), { batchSize: 2, rateLimit: limiter }).subscribe();
        flush();
        // 4 tokens a batch (2 + 2): two at once from the burst of 10, the third once 2 more have refilled.
        expect(model.calls.map((c) => c.subscribedAt)).toEqual([0, 0, 200]);
      });
    });
  });

  describe('sources and arguments', () => {
    it('reads an Observable, an async iterable, and an array afresh per subscription', async () => {
      const model = fakeEmbedding();
      expect((await collect(embedFrom(model, from(['x', 'y'])))).map((r) => r.value)).toEqual(['x', 'y']);
      async function* gen(): AsyncGenerator<string> {
        yield 'p';
        yield 'q';
        yield 'r';
      }
      expect((await collect(embedFrom(model, gen(), { batchSize: 2, ordered: true }))).map((r) => r.value)).toEqual(['p', 'q', 'r']);
      const list = embedFrom(model, ['a', 'b']);
      expect(await collect(list)).toHaveLength(2);
      expect(await collect(list)).toHaveLength(2);
    });

    it('rejects bad arguments at call time', () => {
      const model = fakeEmbedding({}, { maxBatchSize: 10 });
      expectInvalid(() => embedFrom({} as never, []), 'model');
      expectInvalid(() => embedFrom(model, 'abc' as never), 'source');
      expectInvalid(() => embedFrom(model, 42 as never), 'source');
      expectInvalid(() => embedFrom(model, [], { batchSize: 11 }), 'batchSize');
      expectInvalid(() => embedFrom(model, [], { batchSize: 0 }), 'batchSize');
      expectInvalid(() => embedFrom(model, [], { maxBatchTokens: 0 }), 'maxBatchTokens');
      expectInvalid(() => embedFrom(model, [], { maxBatchWaitMs: -1 }), 'maxBatchWaitMs');
      expectInvalid(() => embedFrom(model, [], { concurrency: 0 }), 'concurrency');
      expectInvalid(() => embedFrom(model, [], { errors: 'drop' as never }), 'errors');
      expectInvalid(() => embedFrom(model, [], { callOptions: { temperature: 0 } as never }), 'callOptions.temperature');
      expectInvalid(() => embedFrom(model, [], { callOptions: { dimensions: 1.5 } }), 'callOptions.dimensions');
      const e = expectInvalid(() => embedFrom(model, [], { batchsize: 5 } as never), 'options.batchsize');
      expect(e.message).toContain('did you mean "batchSize"');
      expectInvalid(() => embedFrom(model, [], { withIndex: true } as never), 'options.withIndex');
    });
  });

  describe('teardown', () => {
    it('unsubscribing stops pulling, calls return() and cancels every request in flight', () => {
      scheduler().run(({ expectObservable, expectSubscriptions, flush }) => {
        const model = fakeEmbedding({ latency: 10 });
        const { iterable, state } = counting(words(20));
        expectObservable(embedFrom(model, iterable, { batchSize: 2, concurrency: 3 }), '^---!').toBe('');
        expectSubscriptions(model.subscriptions).toBe(['^---!', '^---!', '^---!']);
        flush();
        expect(state).toEqual({ pulled: 6, returned: true });
      });
    });

    it('does not break unsubscription chains when the result is unsubscribed explicitly', () => {
      scheduler().run(({ expectObservable, expectSubscriptions, flush }) => {
        const model = fakeEmbedding({ latency: 2 });
        const { iterable, state } = counting(words(10));
        const result = embedFrom(model, iterable, { batchSize: 1, concurrency: 1 }).pipe(
          mergeMap((r) => of(r.value)),
        );
        expectObservable(result, '^----!').toBe('--a-b', { a: 'v0', b: 'v1' });
        expectSubscriptions(model.subscriptions).toBe(['^-!', '--^-!', '----^!']);
        flush();
        expect(state).toEqual({ pulled: 3, returned: true });
      });
    });

    it('works with a synchronous source and model, and stops at once when unsubscribed', () => {
      const model = fakeEmbedding();
      const { iterable, state } = counting(words(10));
      const out: string[] = [];
      embedFrom(model, iterable, { batchSize: 2 }).pipe(take(3)).subscribe((r) => out.push(r.value));
      expect(out).toEqual(['v0', 'v1', 'v2']);
      expect(state).toEqual({ pulled: 4, returned: true });
      expect(model.callCount).toBe(2);
    });

    it('ends an async iterator with return() when unsubscribed', async () => {
      let finished = false;
      async function* endless(): AsyncGenerator<string> {
        try {
          for (let i = 0; ; i++) yield `v${i}`;
        } finally {
          finished = true;
        }
      }
      await new Promise<void>((resolve) => embedFrom(fakeEmbedding(), endless(), { batchSize: 3 }).pipe(take(5)).subscribe({ complete: resolve }));
      await new Promise((resolve) => setImmediate(resolve));
      expect(finished).toBe(true);
    });
  });
});
